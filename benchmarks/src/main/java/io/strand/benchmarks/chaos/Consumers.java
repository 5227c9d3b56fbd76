package io.strand.benchmarks.chaos;

import io.strand.client.AckMode;
import io.strand.client.ClientOptions;
import io.strand.client.ConnectionListener;
import io.strand.client.MessageHandler;
import io.strand.client.PushReceiver;
import io.strand.client.PushReceiverOptions;
import io.strand.client.StartPosition;
import io.strand.client.Strand;
import io.strand.client.StrandClientException;
import io.strand.client.Subscriber;
import io.strand.client.SubscriberOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's three subscriptions, all on the pattern of the run's topics and starting at the earliest
 * offset: two pull subscriptions (the client's {@link Subscriber}, automatic acks, committing every
 * {@code commitInterval}) and one push subscription (a {@link PushReceiver} on a free loopback port).
 * Each hands every message to its own {@link DeliveryLog}.
 *
 * <p>Created once per run and never recreated: after a broker kill the pull subscribers reconnect by
 * themselves, and the broker's push dispatcher reconnects to the receiver.
 */
final class Consumers implements AutoCloseable {
    static final String PULL_A = "chaos-pull-a";
    static final String PULL_B = "chaos-pull-b";
    static final String PUSH = "chaos-push";

    private final List<DeliveryLog> logs = new ArrayList<>();
    private final List<AutoCloseable> handles = new ArrayList<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final Violations violations;

    private Consumers(Violations violations) {
        this.violations = violations;
    }

    /** Starts the push receiver (which registers its subscription before returning), then the pull subscribers. */
    static Consumers start(ClientOptions client, String topicPattern, Duration commitInterval, Violations violations) {
        Consumers c = new Consumers(violations);
        try {
            DeliveryLog push = c.log(PUSH);
            c.handles.add(Strand.pushReceiver(PushReceiverOptions.builder(PUSH, topicPattern).client(client)
                    .start(StartPosition.earliest()).bind("127.0.0.1", 0).maxDeliveries(1_000_000).build(),
                    recorder(push)));
            for (String name : List.of(PULL_A, PULL_B)) {
                DeliveryLog log = c.log(name);
                c.handles.add(Strand.subscribe(SubscriberOptions.builder(name, topicPattern).client(client)
                        .start(StartPosition.earliest()).ackMode(AckMode.AUTO).autoCommitInterval(commitInterval)
                        .fetchMaxWait(Duration.ofMillis(500))
                        .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                        .listener(c.listener(name)).build(), recorder(log)));
            }
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private DeliveryLog log(String name) {
        DeliveryLog log = new DeliveryLog(name, violations);
        logs.add(log);
        return log;
    }

    private static MessageHandler recorder(DeliveryLog log) {
        return m -> log.delivered(m.topic(), m.offset(), Payload.fingerprint(m.data()));
    }

    private ConnectionListener listener(String name) {
        return new ConnectionListener() {
            @Override
            public void reconnecting(int attempt, Duration delay) {
                if (attempt == 1) {
                    reconnects.incrementAndGet();
                }
            }

            @Override
            public void stopped(StrandClientException cause) {
                violations.report(Violation.STALLS, name + ":stopped", name + " stopped for good: " + cause);
            }
        };
    }

    List<DeliveryLog> logs() {
        return List.copyOf(logs);
    }

    /** How often a pull subscriber lost its connection and began reconnecting. */
    long reconnects() {
        return reconnects.get();
    }

    /** The subscription names, push first. */
    static List<String> names() {
        return List.of(PUSH, PULL_A, PULL_B);
    }

    @Override
    public void close() {
        for (int i = handles.size() - 1; i >= 0; i--) {
            try {
                handles.get(i).close();
            } catch (Exception e) {
                violations.report(Violation.BROKER_FAILURES, "close:" + i, "closing a subscriber failed: " + e);
            }
        }
        handles.clear();
    }
}
