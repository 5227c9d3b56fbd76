package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.expectError;
import static io.strand.broker.service.TestBroker.message;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.replay;
import static io.strand.broker.service.TestBroker.subscriber;
import static io.strand.broker.service.TestBroker.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.DeliveryMode;
import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StartKind;
import io.strand.api.StrandException;
import io.strand.api.Subscriber;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal gets its code, and afterwards the store is intact and a well-behaved client is served. */
class BadInputTest {
    @TempDir
    Path dir;
    private TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(dir);
        publish(broker.service(), "t", "a", "b", "c");
        broker.service().subscribe(subscriber("s", "t", StartKind.EARLIEST));
    }

    @AfterEach
    void checkIntactAndStop() throws Exception {
        try {
            assertEquals(3, broker.service().describeTopic("t").getEndOffset(), "nothing was appended");
            assertEquals(List.of("t"), broker.service().listTopics().stream().map(i -> i.getName()).toList());
            publish(broker.service(), "t", "d");
            assertEquals(List.of("a", "b", "c", "d"), texts(broker.service().fetch(replay("t", 0))));
            assertEquals(List.of("a", "b", "c", "d"), texts(broker.service().fetch(bySubscription("s"))));
            assertTrue(broker.service().healthy());
        } finally {
            broker.close();
        }
    }

    @Test
    void unknownTopicsAndSubscriptions() {
        var service = broker.service();
        expectError(ErrorCode.UNKNOWN_TOPIC, () -> service.describeTopic("nope"));
        expectError(ErrorCode.UNKNOWN_TOPIC, () -> service.fetch(replay("nope", 0)));
        expectError(ErrorCode.UNKNOWN_TOPIC, () -> service.commit("s", 0, "nope", 0));
        expectError(ErrorCode.UNKNOWN_TOPIC, () -> service.seek("s", "nope", new Position(StartKind.EARLIEST)));
        expectError(ErrorCode.UNKNOWN_SUBSCRIPTION, () -> service.fetch(bySubscription("nobody")));
        expectError(ErrorCode.UNKNOWN_SUBSCRIPTION, () -> service.commit("nobody", 0, "t", 1));
        expectError(ErrorCode.UNKNOWN_SUBSCRIPTION, () -> service.seek("nobody", "", new Position(StartKind.EARLIEST)));
        expectError(ErrorCode.UNKNOWN_SUBSCRIPTION, () -> service.describeSubscription("nobody"));
    }

    @Test
    void offsetsOutOfRangeCarryTheLogBounds() {
        var service = broker.service();
        for (long offset : new long[] {-1, 4, Long.MAX_VALUE}) {
            StrandException e = expectError(ErrorCode.OFFSET_OUT_OF_RANGE, () -> service.fetch(replay("t", offset)));
            assertEquals(0, e.getLogStartOffset());
            assertEquals(3, e.getLogEndOffset());
        }
        StrandException commit = expectError(ErrorCode.OFFSET_OUT_OF_RANGE, () -> service.commit("s", 0, "t", 4));
        assertEquals(3, commit.getLogEndOffset());
        expectError(ErrorCode.OFFSET_OUT_OF_RANGE, () -> service.commit("s", 0, "t", -5));
        expectError(ErrorCode.OFFSET_OUT_OF_RANGE,
                () -> service.seek("s", "t", new Position(StartKind.OFFSET).setValue(99)));
        expectError(ErrorCode.OFFSET_OUT_OF_RANGE, () -> service.subscribe(subscriber("s2", "t", StartKind.OFFSET)
                .setStart(new Position(StartKind.OFFSET).setValue(-1))));
        expectError(ErrorCode.UNKNOWN_SUBSCRIPTION, () -> service.describeSubscription("s2"));
    }

    @Test
    void oversizedMessagesAndBatches() {
        var service = broker.service();
        Message huge = new Message("t", ByteBuffer.wrap(new byte[64 * 1024 + 1]));
        StrandException tooLarge = expectError(ErrorCode.MESSAGE_TOO_LARGE, () -> service.publish(huge));
        assertTrue(tooLarge.getDetail().contains("65536"), tooLarge.getDetail());
        expectError(ErrorCode.MESSAGE_TOO_LARGE,
                () -> service.publishBatch(new PublishBatchRequest("t", List.of(message("", "ok"), huge))));
        expectError(ErrorCode.BATCH_TOO_LARGE, () -> service.publishBatch(new PublishBatchRequest("t",
                Collections.nCopies(101, message("", "x")))));
        List<Message> heavy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            heavy.add(new Message("t", ByteBuffer.wrap(new byte[60 * 1024])));
        }
        expectError(ErrorCode.BATCH_TOO_LARGE, () -> service.publishBatch(new PublishBatchRequest("t", heavy)));
    }

    @Test
    void malformedPublishes() {
        var service = broker.service();
        expectError(ErrorCode.INVALID_REQUEST, () -> service.publishBatch(new PublishBatchRequest("t", List.of())));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.publishBatch(null));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.publishBatch(
                new PublishBatchRequest("t", List.of(message("", "x"))).setProducerId(1)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.publish(new Message().setTopic("t")));
        expectError(ErrorCode.INVALID_TOPIC_NAME, () -> service.publish(message("no spaces", "x")));
        expectError(ErrorCode.INVALID_TOPIC_NAME, () -> service.publish(message("", "x")));
        expectError(ErrorCode.INVALID_TOPIC_NAME, () -> service.createTopic("x".repeat(250), null));
    }

    @Test
    void malformedFetches() {
        var service = broker.service();
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(new FetchRequest()));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(replay("t", 0).setSubscription("s")));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(new FetchRequest().setTopic("t")));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(replay("t", 0).setMaxMessages(0)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(replay("t", 0).setMaxBytes(-1)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(replay("t", 0).setMaxWaitMs(-1)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(bySubscription("s").setSessionId(-3)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.fetch(null));
    }

    @Test
    void malformedSubscriptions() {
        var service = broker.service();
        expectError(ErrorCode.INVALID_REQUEST, () -> service.subscribe(new Subscriber("p").setMode(DeliveryMode.PUSH)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.subscribe(new Subscriber("")));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.subscribe(new Subscriber("bad/name")));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.subscribe(new Subscriber("x".repeat(244))));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.subscribe(new Subscriber("m").setMaxDeliveries(0)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.seek("s", "t", new Position(StartKind.OFFSET)));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.seek("s", "t", null));
        expectError(ErrorCode.INVALID_REQUEST, () -> service.unsubscribe(""));
    }
}
