package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.expectError;
import static io.strand.broker.service.TestBroker.message;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.replay;
import static io.strand.broker.service.TestBroker.subscriber;
import static io.strand.broker.service.TestBroker.text;
import static io.strand.broker.service.TestBroker.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.Durability;
import io.strand.api.ErrorCode;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StartKind;
import io.strand.api.TopicPosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishFetchTest {
    @TempDir
    Path dir;

    @Test
    void publishedMessageIsReadBackWithOffsetTimestampKeyAndHeaders() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            Message sent = message("events", "hello").setKey("k".getBytes(StandardCharsets.UTF_8))
                    .setHeaders(Map.of("h", "v"));
            long before = System.currentTimeMillis();
            broker.service().publish(sent);

            FetchResult result = broker.service().fetch(replay("events", 0));
            assertEquals(1, result.getMessagesSize());
            Message read = result.getMessages().get(0);
            assertEquals("events", read.getTopic());
            assertEquals("hello", text(read));
            assertEquals("k", new String(read.getKey(), StandardCharsets.UTF_8));
            assertEquals(Map.of("h", "v"), read.getHeaders());
            assertEquals(0, read.getOffset());
            assertTrue(read.getTimestamp() >= before - 1000, "timestamp is the append time");
            assertEquals(List.of(new TopicPosition("events", 1)), result.getNextOffsets());
        }
    }

    @Test
    void batchesGetDenseOffsetsAndStateTheirDurability() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            PublishAck first = broker.service().publishBatch(new PublishBatchRequest("b",
                    List.of(message("", "1"), message("", "2"), message("", "3"))));
            PublishAck second = broker.service().publishBatch(new PublishBatchRequest("b",
                    List.of(message("ignored", "4"), message("", "5"))));

            assertEquals(0, first.getBaseOffset());
            assertEquals(3, first.getCount());
            assertEquals(3, second.getBaseOffset());
            assertEquals(Durability.WAL, first.getDurability());
            assertFalse(first.isDuplicate());
            FetchResult all = broker.service().fetch(replay("b", 0));
            assertEquals(List.of("1", "2", "3", "4", "5"), texts(all));
            assertTrue(all.getMessages().stream().allMatch(m -> m.getTopic().equals("b")));
            assertEquals(List.of("3", "4"), texts(broker.service().fetch(replay("b", 2).setMaxMessages(2))));
        }
    }

    @Test
    void autoCreationCanBeTurnedOff() throws Exception {
        try (TestBroker broker = TestBroker.start(dir, TestBroker.withoutAutoCreate())) {
            expectError(ErrorCode.UNKNOWN_TOPIC, () -> broker.service().publish(message("t", "x")));
            assertTrue(broker.service().listTopics().isEmpty());

            broker.service().createTopic("t", null);
            broker.service().publish(message("t", "x"));
            assertEquals(1, broker.service().describeTopic("t").getEndOffset());
        }
    }

    @Test
    void idempotentRetryReturnsTheOriginalOffsets() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            long producer = broker.service().initProducer();
            publish(broker.service(), "idem", "before");
            PublishBatchRequest batch = new PublishBatchRequest("idem", List.of(message("", "a"), message("", "b")))
                    .setProducerId(producer).setSequence(0);

            PublishAck first = broker.service().publishBatch(batch);
            PublishAck retry = broker.service().publishBatch(batch);

            assertFalse(first.isDuplicate());
            assertTrue(retry.isDuplicate());
            assertEquals(first.getBaseOffset(), retry.getBaseOffset());
            assertEquals(first.getCount(), retry.getCount());
            assertEquals(3, broker.service().describeTopic("idem").getEndOffset());
            assertEquals(1, broker.registry().meter("broker.publish.duplicates").getCount());
        }
    }

    @Test
    void sessionFetchReadsAheadAndCommitMovesTheDurablePosition() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            publish(broker.service(), "orders", "old");
            Session session = broker.service().openSession(subscriber("s", "orders", StartKind.LATEST));
            assertFalse(session.isResumed());
            assertEquals(List.of("orders"), session.getTopics());
            publish(broker.service(), "orders", "m1", "m2", "m3");

            FetchResult first = broker.service().fetch(bySubscription("s").setSessionId(session.getSessionId())
                    .setMaxMessages(2));
            FetchResult second = broker.service().fetch(bySubscription("s").setSessionId(session.getSessionId()));
            assertEquals(List.of("m1", "m2"), texts(first));
            assertEquals(List.of("m3"), texts(second));
            assertEquals(List.of(new TopicPosition("orders", 4)), second.getNextOffsets());

            // without a session the read starts at the committed offset every time
            assertEquals(List.of("m1", "m2", "m3"), texts(broker.service().fetch(bySubscription("s"))));
            broker.service().commit("s", session.getSessionId(), "orders", 3);
            broker.service().commit("s", 0, "orders", 2); // lower: ignored
            assertEquals(List.of("m3"), texts(broker.service().fetch(bySubscription("s"))));
            assertEquals(3, broker.store().cursors().committed("s", "orders").getAsLong());
        }
    }

    @Test
    void fetchAcrossManyTopicsServesEveryTopic() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            for (String topic : List.of("many.a", "many.b", "many.c")) {
                for (int i = 0; i < 5; i++) {
                    broker.service().publishBatch(new PublishBatchRequest(topic,
                            java.util.Collections.nCopies(20, message("", topic))));
                }
            }
            broker.service().subscribe(subscriber("fair", "many.*", StartKind.EARLIEST));

            FetchResult result = broker.service().fetch(bySubscription("fair").setMaxMessages(30));

            assertEquals(30, result.getMessagesSize());
            for (String topic : List.of("many.a", "many.b", "many.c")) {
                long count = result.getMessages().stream().filter(m -> m.getTopic().equals(topic)).count();
                assertEquals(10, count, "share of " + topic);
            }
            assertEquals(3, result.getNextOffsetsSize());
        }
    }

    @Test
    void seekMovesTheCursorAndResetsTheSessionPosition() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (TestBroker broker = TestBroker.start(dir, TestBroker.settings(), clock)) {
            publish(broker.service(), "t", "a", "b");
            clock.advance(1000);
            long later = clock.millis();
            publish(broker.service(), "t", "c", "d");
            Session session = broker.service().openSession(subscriber("s", "t", StartKind.EARLIEST));
            FetchResultReader read = () -> texts(broker.service().fetch(bySubscription("s")
                    .setSessionId(session.getSessionId())));
            assertEquals(List.of("a", "b", "c", "d"), read.get());

            broker.service().seek("s", "t", new io.strand.api.Position(StartKind.OFFSET).setValue(1));
            assertEquals(List.of("b", "c", "d"), read.get());
            broker.service().seek("s", "", new io.strand.api.Position(StartKind.TIMESTAMP).setValue(later));
            assertEquals(List.of("c", "d"), read.get());
            broker.service().seek("s", "t", new io.strand.api.Position(StartKind.LATEST));
            assertEquals(List.of(), read.get());
            broker.service().seek("s", null, new io.strand.api.Position(StartKind.EARLIEST));
            assertEquals(List.of("a", "b", "c", "d"), read.get());
        }
    }

    @FunctionalInterface
    private interface FetchResultReader {
        List<String> get() throws Exception;
    }
}
