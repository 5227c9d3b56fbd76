package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Push delivery through {@link PushReceiver} against a real broker. */
@Timeout(120)
class PushReceiverIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void aFailingHandlerIsRetriedByTheBrokerAndEverythingArrivesInOrder() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            AtomicInteger calls = new AtomicInteger();
            List<Long> handled = new CopyOnWriteArrayList<>();
            MessageHandler failsThreeTimes = m -> {
                if (calls.incrementAndGet() <= 3) {
                    throw new IllegalStateException("not yet (call " + calls.get() + ")");
                }
                handled.add(m.offset());
            };
            PushReceiverOptions options = PushReceiverOptions.builder("pushed", "events")
                    .client(broker.clientOptions()).start(StartPosition.earliest()).build();
            try (Admin admin = Strand.admin(broker.clientOptions())) {
                admin.createTopic("events");
            }
            try (PushReceiver receiver = Strand.pushReceiver(options, failsThreeTimes);
                 Publisher publisher = Strand.publisher(PublisherOptions.builder().client(broker.clientOptions()).build())) {
                assertTrue(receiver.address().getPort() > 0);
                for (int i = 0; i < 20; i++) {
                    publisher.send(Message.of("events", "e" + i));
                }
                publisher.flush();
                Await.until(WAIT, () -> new LinkedHashSet<>(handled).size() == 20, () -> "20 handled, have " + handled);
                assertTrue(calls.get() > 20, "the failures were retried");
                assertEquals(expectedOffsets(20), new ArrayList<>(new LinkedHashSet<>(handled)),
                        "first deliveries in offset order");
                long previous = -1;
                for (long offset : handled) { // a redelivery restarts from the committed offset, never skips
                    assertTrue(offset <= previous + 1, "skipped to " + offset + " in " + handled);
                    previous = offset;
                }
                try (Admin admin = Strand.admin(broker.clientOptions())) {
                    Await.until(WAIT, () -> admin.describeSubscription("pushed").totalLag() == 0, () -> "lag 0");
                    SubscriptionDescription d = admin.describeSubscription("pushed");
                    assertTrue(d.push());
                    assertEquals("127.0.0.1:" + receiver.address().getPort(), d.pushEndpoint().orElseThrow());
                }
            }
        }
    }

    @Test
    void aNewReceiverForTheSameSubscriptionTakesOverWhereTheOldOneStopped() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             Admin admin = Strand.admin(broker.clientOptions());
             Publisher publisher = Strand.publisher(PublisherOptions.builder().client(broker.clientOptions()).build())) {
            admin.createTopic("handover");
            PushReceiverOptions options = PushReceiverOptions.builder("handover-sub", "handover")
                    .client(broker.clientOptions()).start(StartPosition.earliest()).build();
            List<Long> first = new CopyOnWriteArrayList<>();
            try (PushReceiver receiver = Strand.pushReceiver(options, m -> first.add(m.offset()))) {
                for (int i = 0; i < 5; i++) {
                    publisher.sendAndWait(Message.of("handover", "h" + i));
                }
                Await.until(WAIT, () -> admin.describeSubscription("handover-sub").totalLag() == 0, () -> "first 5 committed");
            }
            for (int i = 5; i < 10; i++) {
                publisher.sendAndWait(Message.of("handover", "h" + i));
            }
            List<Long> second = new CopyOnWriteArrayList<>();
            try (PushReceiver receiver = Strand.pushReceiver(options, m -> second.add(m.offset()))) {
                Await.until(WAIT, () -> second.size() >= 5, () -> "the next 5 on the new endpoint");
            }
            assertEquals(expectedOffsets(5), first);
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L), second.subList(0, 5));
        }
    }

    private static List<Long> expectedOffsets(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
