package io.strand.broker.push;

import static io.strand.broker.service.TestBroker.await;
import static io.strand.broker.service.TestBroker.message;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.DeliveryMode;
import io.strand.api.Endpoint;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StartKind;
import io.strand.api.Subscriber;
import io.strand.api.SubscriptionInfo;
import io.strand.broker.service.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushDeliveryTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Subscriber pushTo(String name, String topic, int port) {
        return new Subscriber(name).setTopic(topic).setStart(new Position(StartKind.EARLIEST))
                .setMode(DeliveryMode.PUSH).setPushEndpoint(new Endpoint("127.0.0.1", port));
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    /** Offsets in first-delivery order, redeliveries removed (push is at-least-once). */
    private static List<Long> distinct(List<Long> offsets) {
        return new ArrayList<>(new LinkedHashSet<>(offsets));
    }

    private static long committed(TestBroker broker, String subscription, String topic) {
        return broker.store().cursors().committed(subscription, topic).orElse(-1);
    }

    @Test
    void everyMessageArrivesInOrderAndIsCommitted() throws Exception {
        try (TestConsumerServer consumer = TestConsumerServer.start(0); TestBroker broker = TestBroker.start(dir)) {
            broker.service().subscribe(pushTo("p", "events", consumer.port()));
            for (int i = 0; i < 5; i++) {
                broker.service().publishBatch(new PublishBatchRequest("events",
                        List.of(message("", "a" + i), message("", "b" + i), message("", "c" + i))));
                publish(broker.service(), "events", "d" + i, "e" + i);
            }

            await("25 deliveries", BOUND, () -> consumer.received.size() >= 25);
            assertEquals(range(0, 25), consumer.offsets());
            assertTrue(consumer.received.stream().allMatch(m -> m.getTopic().equals("events") && m.isSetTimestamp()));
            await("the cursor to pass the last delivery", BOUND, () -> committed(broker, "p", "events") == 25);
            SubscriptionInfo info = broker.service().describeSubscription("p");
            assertEquals(0, info.getConsecutiveFailures());
            assertEquals("__dlq.p", info.getDeadLetterTopic());
            assertTrue(broker.registry().meter("broker.push.deliveries").getCount() >= 1);
        }
    }

    @Test
    void nothingIsLostWhileTheEndpointIsDownAndDeliveryResumesWhenItReturns() throws Exception {
        try (TestBroker broker = TestBroker.start(dir); TestConsumerServer first = TestConsumerServer.start(0)) {
            int port = first.port();
            broker.service().subscribe(pushTo("p", "events", port).setMaxDeliveries(1_000_000));
            publish(broker.service(), "events", "0", "1", "2", "3", "4");
            await("the first 5 to be delivered and committed", BOUND, () -> committed(broker, "p", "events") == 5);
            first.stop(); // the endpoint goes down, with its open connection

            publish(broker.service(), "events", "5", "6", "7", "8", "9");
            await("failed deliveries to the closed endpoint", BOUND,
                    () -> broker.registry().meter("broker.push.failures").getCount() >= 2);
            assertTrue(broker.service().describeSubscription("p").getConsecutiveFailures() >= 1);
            assertEquals(5, committed(broker, "p", "events"), "nothing is committed while the endpoint is down");

            try (TestConsumerServer second = TestConsumerServer.start(port)) {
                await("the rest after the endpoint came back", BOUND, () -> second.offsets().contains(9L));
                assertEquals(range(5, 10), distinct(second.offsets()));
                await("the cursor to catch up", BOUND, () -> committed(broker, "p", "events") == 10);
                assertEquals(0, broker.service().describeSubscription("p").getConsecutiveFailures());
            }
            assertEquals(range(0, 5), distinct(first.offsets()));
        }
    }

    @Test
    void deliveryResumesFromTheCommittedOffsetAfterABrokerRestart() throws Exception {
        try (TestConsumerServer consumer = TestConsumerServer.start(0); TestBroker broker = TestBroker.start(dir)) {
            broker.service().subscribe(pushTo("p", "events", consumer.port()).setMaxDeliveries(1_000_000));
            publish(broker.service(), "events", "0", "1", "2");
            await("the first 3", BOUND, () -> committed(broker, "p", "events") == 3);

            broker.restart();
            publish(broker.service(), "events", "3", "4");

            await("deliveries after the restart", BOUND, () -> consumer.offsets().contains(4L));
            assertEquals(range(0, 5), distinct(consumer.offsets()));
            await("the cursor after the restart", BOUND, () -> committed(broker, "p", "events") == 5);
        }
    }

    @Test
    void aBatchThatAlwaysFailsGoesToTheDeadLetterTopicAndDeliveryMovesOn() throws Exception {
        try (TestConsumerServer consumer = TestConsumerServer.start(0); TestBroker broker = TestBroker.start(dir)) {
            consumer.failing = true;
            broker.service().subscribe(pushTo("p", "jobs", consumer.port()).setMaxDeliveries(2));
            broker.service().publishBatch(new PublishBatchRequest("jobs",
                    List.of(message("", "x"), message("", "y"), message("", "z"))));

            await("the dead-letter topic to hold the batch", BOUND, () -> broker.store().find("__dlq.p")
                    .map(log -> log.endOffset() >= 3).orElse(false));
            List<Message> dead = broker.service().fetch(replay("__dlq.p", 0)).getMessages();
            assertEquals(List.of("x", "y", "z"), dead.stream().map(TestBroker::text).toList());
            for (int i = 0; i < 3; i++) {
                assertEquals("jobs", dead.get(i).getHeaders().get("strand.original.topic"));
                assertEquals(Integer.toString(i), dead.get(i).getHeaders().get("strand.original.offset"));
            }
            await("the cursor to move past the dead batch", BOUND, () -> committed(broker, "p", "jobs") == 3);
            assertEquals(3, broker.service().describeSubscription("p").getDeadLettered());
            assertEquals(3, broker.registry().meter("broker.push.deadlettered.messages").getCount());
            assertTrue(consumer.calls.get() >= 2);

            consumer.failing = false;
            publish(broker.service(), "jobs", "next");
            await("delivery to move on", BOUND, () -> consumer.offsets().contains(3L));
            assertEquals(List.of(3L), distinct(consumer.offsets()));
        }
    }

    @Test
    void resubscribingWithANewEndpointMovesDelivery() throws Exception {
        try (TestBroker broker = TestBroker.start(dir);
             TestConsumerServer before = TestConsumerServer.start(0);
             TestConsumerServer after = TestConsumerServer.start(0)) {
            broker.service().subscribe(pushTo("p", "events", before.port()));
            publish(broker.service(), "events", "0");
            await("delivery to the first endpoint", BOUND, () -> committed(broker, "p", "events") == 1);

            broker.service().subscribe(new Subscriber("p").setPushEndpoint(new Endpoint("127.0.0.1", after.port())));
            publish(broker.service(), "events", "1");

            await("delivery to the new endpoint", BOUND, () -> after.offsets().contains(1L));
            assertEquals(List.of(0L), before.offsets());
            assertEquals(List.of(1L), distinct(after.offsets()));
        }
    }
}
