package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.expectError;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.subscriber;
import static io.strand.broker.service.TestBroker.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.Session;
import io.strand.api.StartKind;
import io.strand.api.Subscriber;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionTopicsTest {
    @TempDir
    Path dir;

    @Test
    void aNameOnlySubscriberGetsEveryTopicIncludingLaterOnesFromTheirStart() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            publish(broker.service(), "topic1", "before");
            broker.service().subscribe(new Subscriber("seed")); // the seed's shape: a name, nothing else
            publish(broker.service(), "topic1", "after");
            publish(broker.service(), "topic2", "new-1", "new-2");
            publish(broker.service(), "__internal", "hidden");

            FetchResult result = broker.service().fetch(bySubscription("seed"));

            assertEquals(List.of("after", "new-1", "new-2"),
                    result.getMessages().stream().sorted(java.util.Comparator.comparing(Message::getTopic)
                            .thenComparing(Message::getOffset)).map(TestBroker::text).toList());
            Message firstOfNew = result.getMessages().stream().filter(m -> m.getTopic().equals("topic2"))
                    .findFirst().orElseThrow();
            assertEquals(0, firstOfNew.getOffset());
            assertEquals(List.of("topic1", "topic2"),
                    broker.service().openSession(new Subscriber("seed")).getTopics());
        }
    }

    @Test
    void patternsSelectTopicsBySegment() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            for (String topic : List.of("orders.eu", "orders.eu.x", "orders", "payments.eu")) {
                publish(broker.service(), topic, topic);
            }
            Session star = broker.service().openSession(subscriber("star", "orders.*", StartKind.EARLIEST));
            Session rest = broker.service().openSession(subscriber("rest", "orders.>", StartKind.EARLIEST));
            assertEquals(List.of("orders.eu"), star.getTopics());
            assertEquals(List.of("orders.eu", "orders.eu.x"), rest.getTopics());

            publish(broker.service(), "orders.us", "orders.us");
            publish(broker.service(), "orders.us.y", "orders.us.y");
            assertEquals(List.of("orders.eu", "orders.us"), sortedTexts(broker, "star"));
            assertEquals(List.of("orders.eu", "orders.eu.x", "orders.us", "orders.us.y"), sortedTexts(broker, "rest"));
        }
    }

    @Test
    void malformedPatternsAreRejectedAndNothingIsCreated() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            for (String pattern : List.of("orders.>.x", "ord*", "orders..*")) {
                expectError(ErrorCode.INVALID_TOPIC_PATTERN,
                        () -> broker.service().subscribe(subscriber("bad", pattern, StartKind.LATEST)));
            }
            assertTrue(broker.service().listSubscriptions().isEmpty());
        }
    }

    @Test
    void resubscribingResumesWithoutTouchingCursorsAndRefusesAnotherTopic() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            publish(broker.service(), "t", "a", "b");
            broker.service().subscribe(subscriber("s", "t", StartKind.EARLIEST));
            broker.service().commit("s", 0, "t", 1);

            Session resumed = broker.service().openSession(subscriber("s", "t", StartKind.LATEST));
            assertTrue(resumed.isResumed());
            assertEquals(List.of("b"), texts(broker.service().fetch(bySubscription("s"))));
            expectError(ErrorCode.INVALID_REQUEST,
                    () -> broker.service().subscribe(subscriber("s", "other", StartKind.LATEST)));
        }
    }

    private static List<String> sortedTexts(TestBroker broker, String subscription) throws Exception {
        return texts(broker.service().fetch(bySubscription(subscription))).stream().sorted().toList();
    }
}
