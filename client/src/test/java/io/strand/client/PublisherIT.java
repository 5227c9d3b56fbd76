package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against a real broker: order, exactly-once retries, restarts. */
@Timeout(120)
class PublisherIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsEachTopicsOrderWhileManyThreadsSendToSeveralTopics() throws Exception {
        int threads = 4;
        int perThread = 500;
        try (TestBroker broker = TestBroker.start(dataDir);
             Publisher publisher = Strand.publisher(PublisherOptions.builder().client(broker.clientOptions())
                     .batchMaxMessages(50).connections(2).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<CompletableFuture<PublishAck>>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                sent.add(pool.submit(() -> {
                    List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        acks.add(publisher.send(Message.of("order-" + (thread % 2), thread + ":" + i)));
                    }
                    return acks;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            publisher.flush();
            for (Future<List<CompletableFuture<PublishAck>>> f : sent) {
                long previous = -1;
                for (CompletableFuture<PublishAck> ack : f.get()) {
                    long offset = ack.get().offset();
                    assertTrue(offset > previous, "a thread's acks must have increasing offsets");
                    previous = offset;
                }
            }
            for (int topic = 0; topic < 2; topic++) {
                List<ReceivedMessage> stored = Topics.readAll(broker.clientOptions(), "order-" + topic);
                assertEquals(threads / 2 * perThread, stored.size());
                Map<String, Integer> nextPerThread = new HashMap<>();
                for (ReceivedMessage m : stored) {
                    String[] parts = m.dataAsString().split(":");
                    int expected = nextPerThread.getOrDefault(parts[0], 0);
                    assertEquals(expected, Integer.parseInt(parts[1]), "thread " + parts[0] + " out of order");
                    nextPerThread.put(parts[0], expected + 1);
                }
            }
        }
    }

    @Test
    void aBatchWhoseAckIsLostIsStoredOnceWhenRetried() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             DroppingProxy proxy = new DroppingProxy(broker.port());
             Publisher publisher = Strand.publisher(PublisherOptions.builder().broker(proxy.address())
                     .connections(1).retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())) {
            assertEquals(0, publisher.sendAndWait(Message.of("once", "first")).offset());
            proxy.dropNextResponse();
            PublishAck retried = publisher.sendAndWait(Message.of("once", "second"));
            assertEquals(1, proxy.dropped(), "the broker's answer to the first attempt was dropped");
            assertEquals(1, retried.offset());
            assertTrue(retried.duplicate(), "the retry was recognised as already stored");
            List<ReceivedMessage> stored = Topics.readAll(broker.clientOptions(), "once");
            assertEquals(List.of("first", "second"), stored.stream().map(ReceivedMessage::dataAsString).toList());
        }
    }

    @Test
    void everyAcknowledgedMessageIsStoredExactlyOnceDespiteRepeatedlyLostAcks() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             DroppingProxy proxy = new DroppingProxy(broker.port());
             Publisher publisher = Strand.publisher(PublisherOptions.builder().broker(proxy.address())
                     .batchMaxMessages(20).linger(Duration.ofMillis(1))
                     .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100)).build())) {
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                proxy.dropNextResponse();
                for (int i = 0; i < 100; i++) {
                    acks.add(publisher.send(Message.of("lossy", "m" + acks.size())));
                }
                publisher.flush();
            }
            assertEquals(10, proxy.dropped(), "one response dropped per round");
            assertExactlyOnce(broker, "lossy", acks, 1000);
        }
    }

    @Test
    void recoversFromABrokerRestartWithoutLosingOrDuplicatingAcknowledgedMessages() throws Exception {
        try (TestBroker broker = TestBroker.startRestartable(dataDir);
             Publisher publisher = Strand.publisher(PublisherOptions.builder().client(broker.clientOptions())
                     .batchMaxMessages(20).retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                     .deliveryTimeout(Duration.ofSeconds(60)).build())) {
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                acks.add(publisher.send(Message.of("durable", "m" + i)));
            }
            acks.get(199).get(30, TimeUnit.SECONDS);
            broker.restart(); // while the rest is being sent
            for (int i = 500; i < 1000; i++) {
                acks.add(publisher.send(Message.of("durable", "m" + i)));
            }
            publisher.flush();
            assertExactlyOnce(broker, "durable", acks, 1000);
        }
    }

    /** Every future succeeded, and the topic holds each payload exactly once at its acknowledged offset. */
    private static void assertExactlyOnce(TestBroker broker, String topic, List<CompletableFuture<PublishAck>> acks,
                                          int count) throws Exception {
        Map<Long, String> acked = new HashMap<>();
        for (int i = 0; i < acks.size(); i++) {
            acked.put(acks.get(i).get().offset(), "m" + i);
        }
        assertEquals(count, acked.size(), "distinct acknowledged offsets");
        List<ReceivedMessage> stored = Topics.readAll(broker.clientOptions(), topic);
        assertEquals(count, stored.size(), "stored messages");
        Set<String> seen = new HashSet<>();
        for (ReceivedMessage m : stored) {
            assertTrue(seen.add(m.dataAsString()), "stored twice: " + m.dataAsString());
            assertEquals(acked.get(m.offset()), m.dataAsString(), "payload at offset " + m.offset());
        }
    }
}
