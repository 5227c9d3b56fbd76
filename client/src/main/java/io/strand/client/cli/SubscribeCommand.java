package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.ConnectionListener;
import io.strand.client.StartPosition;
import io.strand.client.Strand;
import io.strand.client.StrandClientException;
import io.strand.client.Subscriber;
import io.strand.client.SubscriberOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strand subscribe TOPIC|PATTERN --name NAME}: prints what the subscription has not processed yet,
 * committing as it goes (automatic acks), so the next run with the same name continues after it. Without
 * {@code --follow} it exits once caught up — a fetch with a short wait returned nothing while everything
 * printed was committed, i.e. every cursor is at its topic's end; with it, it waits for new messages
 * until interrupted.
 */
@Command(name = "subscribe", description = "Print a subscription's messages, committing as it goes.")
final class SubscribeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "TOPIC|PATTERN",
            description = "A topic, or a pattern: '*' matches one dot-separated segment, '>' (last) the rest.")
    String topic;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The subscription's name.")
    String name;

    @Option(names = "--from", paramLabel = "POSITION", converter = PositionConverter.class, defaultValue = "latest",
            description = "Where a NEW subscription starts: " + PositionConverter.FORMS + " (default: ${DEFAULT-VALUE}). "
                    + "An existing subscription continues from its committed offset; use 'subscriptions seek' to move it.")
    StartPosition from;

    @Option(names = "--follow", description = "Keep waiting for new messages until interrupted.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = common.admin()) {
            admin.info(); // fail fast (exit 3) when the broker is unreachable, instead of reconnecting forever
        }
        AtomicReference<StrandClientException> stoppedBy = new AtomicReference<>();
        SubscriberOptions options = SubscriberOptions.builder(name, topic)
                .client(common.clientOptions())
                .start(from)
                .fetchMaxWait(follow ? Duration.ofSeconds(1) : Duration.ofMillis(200))
                .listener(listener(stoppedBy))
                .build();
        try (Subscriber subscriber = Strand.subscribe(options, m -> {
            if (common.json()) {
                common.printJson(Views.json(m));
            } else {
                common.out().println(Views.line(m));
                common.out().flush();
            }
        })) {
            if (follow) {
                while (subscriber.isRunning() && !common.context().awaitStop(200)) {
                    // until Ctrl-C (the launcher's shutdown hook) or a fatal error
                }
            } else {
                awaitCaughtUp(subscriber);
            }
        }
        if (stoppedBy.get() != null) {
            throw stoppedBy.get();
        }
        return 0;
    }

    private void awaitCaughtUp(Subscriber subscriber) throws InterruptedException {
        try {
            CompletableFuture.anyOf(subscriber.caughtUp(), subscriber.terminated()).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StrandClientException sce) {
                throw sce;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private ConnectionListener listener(AtomicReference<StrandClientException> stoppedBy) {
        return new ConnectionListener() {
            @Override
            public void disconnected(StrandClientException cause) {
                common.err().println("disconnected: " + cause.getMessage());
                common.err().flush();
            }

            @Override
            public void reconnecting(int attempt, Duration delay) {
                common.err().println("reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
                common.err().flush();
            }

            @Override
            public void stopped(StrandClientException cause) {
                stoppedBy.compareAndSet(null, cause);
            }
        };
    }
}
