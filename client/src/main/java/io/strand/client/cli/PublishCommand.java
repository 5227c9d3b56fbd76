package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.Message;
import io.strand.client.PublishAck;
import io.strand.client.Publisher;
import io.strand.client.PublisherOptions;
import io.strand.client.StrandClientException;
import io.strand.client.Strand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strand publish TOPIC [MESSAGE...]}: one message per argument, or per line of standard input;
 * prints each message's offset, in order, as acknowledgements arrive. With {@code --count} it sends
 * that many messages (optionally paced by {@code --rate}) and prints a summary instead.
 */
@Command(name = "publish", description = "Publish messages (arguments, or one per line of standard input).")
final class PublishCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic (created on first publish if the broker auto-creates).")
    String topic;

    @Parameters(index = "1..*", paramLabel = "MESSAGE", description = "Messages; none = read standard input, one per line.")
    List<String> messages = List.of();

    @Option(names = "--key", paramLabel = "KEY", description = "Key of every message.")
    String key;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A header of every message (repeatable).")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--count", paramLabel = "N", description = "Send N messages (the MESSAGEs in turn, or 'message-<i>') and print a summary.")
    Long count;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "With --count: at most this many messages per second.")
    Double rate;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "30000",
            description = "Fail a message not acknowledged within this time (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    /** Prints acks strictly in send order, from whichever thread completes them; remembers the first failure. */
    private CompletableFuture<Void> printed = CompletableFuture.completedFuture(null);
    private final AtomicReference<StrandClientException> firstFailure = new AtomicReference<>();

    @Override
    public Integer call() throws Exception {
        if (rate != null && count == null) {
            throw new ParameterException(spec.commandLine(), "--rate needs --count");
        }
        try (Admin admin = common.admin()) {
            admin.info(); // fail fast (exit 3) when the broker is unreachable, instead of retrying until --timeout
        }
        PublisherOptions options = PublisherOptions.builder().client(common.clientOptions())
                .deliveryTimeout(Duration.ofMillis(Math.max(1, timeoutMs))).build();
        try (Publisher publisher = Strand.publisher(options)) {
            if (count != null) {
                return sendCount(publisher);
            }
            if (!messages.isEmpty()) {
                for (String m : messages) {
                    sendAndPrint(publisher, m);
                }
            } else {
                readStdin(publisher);
            }
            publisher.flush();
            printed.join();
        }
        StrandClientException failure = firstFailure.get();
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    private void readStdin(Publisher publisher) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(common.context().stdin(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            sendAndPrint(publisher, line);
        }
    }

    private Message message(String data) {
        Message.Builder b = Message.builder(topic).data(data).headers(headers);
        if (key != null) {
            b.key(key);
        }
        return b.build();
    }

    private void sendAndPrint(Publisher publisher, String data) {
        CompletableFuture<PublishAck> ack = publisher.send(message(data));
        printed = printed.thenCompose(v -> ack.handle((a, e) -> {
            if (e != null) {
                StrandClientException failure = unwrap(e);
                firstFailure.compareAndSet(null, failure);
                common.err().println("error: " + failure.getMessage());
                common.err().flush();
            } else if (common.json()) {
                common.printJson(Views.json(a));
            } else {
                common.out().println(a.offset());
                common.out().flush();
            }
            return null;
        }));
    }

    private int sendCount(Publisher publisher) throws InterruptedException {
        long start = System.nanoTime();
        long[] firstLast = {-1, -1};
        long failures = 0;
        ArrayDeque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
        for (long i = 0; i < count; i++) {
            pace(start, i);
            String data = messages.isEmpty() ? "message-" + i : messages.get((int) (i % messages.size()));
            inFlight.add(publisher.send(message(data)));
            while (inFlight.size() > 10_000 || (!inFlight.isEmpty() && inFlight.peekFirst().isDone())) {
                failures += account(inFlight.pollFirst(), firstLast);
            }
        }
        publisher.flush();
        while (!inFlight.isEmpty()) {
            failures += account(inFlight.pollFirst(), firstLast);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        long sent = count - failures;
        if (common.json()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("topic", topic);
            summary.put("published", sent);
            summary.put("failed", failures);
            summary.put("firstOffset", firstLast[0] < 0 ? null : firstLast[0]);
            summary.put("lastOffset", firstLast[1] < 0 ? null : firstLast[1]);
            summary.put("seconds", seconds);
            summary.put("messagesPerSecond", sent / seconds);
            common.printJson(summary);
        } else {
            common.out().printf("published %d message(s) to %s in %.3f s (%.0f msg/s)%s%s%n", sent, topic, seconds,
                    sent / seconds, firstLast[0] < 0 ? "" : ", offsets " + firstLast[0] + ".." + firstLast[1],
                    failures == 0 ? "" : ", " + failures + " FAILED");
            common.out().flush();
        }
        StrandClientException failure = firstFailure.get();
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    /** Waits for one ack; returns 1 if it failed (remembering the first failure), else 0. */
    private long account(CompletableFuture<PublishAck> f, long[] firstLast) {
        try {
            PublishAck ack = f.join();
            if (firstLast[0] < 0 || ack.offset() < firstLast[0]) {
                firstLast[0] = ack.offset();
            }
            firstLast[1] = Math.max(firstLast[1], ack.offset());
            return 0;
        } catch (CompletionException e) {
            StrandClientException failure = unwrap(e);
            if (firstFailure.compareAndSet(null, failure)) {
                common.err().println("error: " + failure.getMessage());
                common.err().flush();
            }
            return 1;
        }
    }

    private void pace(long startNanos, long index) throws InterruptedException {
        if (rate == null || rate <= 0) {
            return;
        }
        long due = startNanos + (long) (index * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static StrandClientException unwrap(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof StrandClientException s ? s
                : new StrandClientException(io.strand.client.ErrorCode.INTERNAL, String.valueOf(cause), cause);
    }
}
