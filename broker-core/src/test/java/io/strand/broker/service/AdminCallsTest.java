package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.expectError;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import io.strand.api.BrokerInfo;
import io.strand.api.CursorInfo;
import io.strand.api.Durability;
import io.strand.api.ErrorCode;
import io.strand.api.StartKind;
import io.strand.api.SubscriptionInfo;
import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCallsTest {
    @TempDir
    Path dir;

    @Test
    void topicsAreCreatedDescribedListedAndDeleted() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            TopicInfo created = broker.service().createTopic("audit",
                    new TopicConfig().setRetentionMs(60_000).setRetentionBytes(1 << 20).setDurability(Durability.FSYNC));
            assertEquals(0, created.getEndOffset());
            assertEquals(60_000, created.getConfig().getRetentionMs());
            assertEquals(1 << 20, created.getConfig().getRetentionBytes());
            assertEquals(Durability.FSYNC, created.getConfig().getDurability());
            expectError(ErrorCode.TOPIC_EXISTS, () -> broker.service().createTopic("audit", null));

            TopicInfo forever = broker.service().createTopic("forever", new TopicConfig().setRetentionMs(0));
            assertFalse(forever.getConfig().isSetRetentionMs(), "<= 0 means keep forever");

            publish(broker.service(), "audit", "a", "b");
            TopicInfo described = broker.service().describeTopic("audit");
            assertEquals(0, described.getStartOffset());
            assertEquals(2, described.getEndOffset());
            assertTrue(described.getCreatedAt() > 0);
            assertEquals(List.of("audit", "forever"),
                    broker.service().listTopics().stream().map(TopicInfo::getName).toList());

            broker.service().deleteTopic("audit");
            expectError(ErrorCode.UNKNOWN_TOPIC, () -> broker.service().describeTopic("audit"));
            expectError(ErrorCode.UNKNOWN_TOPIC, () -> broker.service().deleteTopic("audit"));
            publish(broker.service(), "audit", "again");
            assertEquals(1, broker.service().describeTopic("audit").getEndOffset(), "offsets restart at 0");
        }
    }

    /** There is no "close session": a consumer that stops presenting its session stops counting as active. */
    @Test
    void aSessionNotSeenForTwoLongPollsIsShownInactiveUntilItIsUsedAgain() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (TestBroker broker = TestBroker.start(dir, TestBroker.settings(), clock)) { // fetch.max.wait 20 s
            publish(broker.service(), "t", "a");
            broker.service().subscribe(subscriber("s", "t", StartKind.EARLIEST));
            long session = broker.service().openSession(subscriber("s", "t", StartKind.EARLIEST)).getSessionId();
            clock.advance(60_000);
            assertTrue(broker.service().describeSubscription("s").isSessionActive(),
                    "within max(2 × 20 s + 1 s, 60 s)");
            clock.advance(1_000);
            assertFalse(broker.service().describeSubscription("s").isSessionActive(), "silent for 61 s");
            broker.service().commit("s", session, "t", 1);
            assertTrue(broker.service().describeSubscription("s").isSessionActive(), "a commit shows it is back");
        }
    }

    @Test
    void subscriptionsShowCursorsLagAndSession() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (TestBroker broker = TestBroker.start(dir, TestBroker.settings(), clock)) {
            publish(broker.service(), "t", "a", "b", "c");
            broker.service().subscribe(subscriber("s", "t", StartKind.EARLIEST));
            clock.advance(5_000);

            SubscriptionInfo info = broker.service().describeSubscription("s");
            assertEquals("s", info.getSubscriber().getName());
            assertTrue(info.isSessionActive());
            assertFalse(info.isSetDeadLetterTopic(), "pull subscriptions have no push state");
            CursorInfo cursor = info.getCursors().get(0);
            assertEquals(new CursorInfo("t", 0, 3, 3, 5_000), cursor);
            assertEquals(3L, gauge(broker, "subscription.s.lag.messages"));
            assertEquals(5_000L, gauge(broker, "subscription.s.lag.ms"));

            broker.service().commit("s", 0, "t", 3);
            CursorInfo caughtUp = broker.service().describeSubscription("s").getCursors().get(0);
            assertTrue(broker.service().describeSubscription("s").isSessionActive());
            assertEquals(new CursorInfo("t", 3, 3, 0, 0), caughtUp);
            assertEquals(List.of("s"), broker.service().listSubscriptions().stream()
                    .map(i -> i.getSubscriber().getName()).toList());

            broker.service().unsubscribe("s");
            broker.service().unsubscribe("s"); // idempotent
            expectError(ErrorCode.UNKNOWN_SUBSCRIPTION, () -> broker.service().describeSubscription("s"));
            assertNull(broker.registry().getGauges().get("subscription.s.lag.messages"));
            assertTrue(broker.store().cursors().subscription("s").isEmpty());
        }
    }

    @Test
    void infoDescribesTheBroker() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            publish(broker.service(), "a", "x");
            publish(broker.service(), "b", "x");
            broker.service().subscribe(subscriber("s", null, StartKind.LATEST));

            BrokerInfo info = broker.service().info();
            assertTrue(info.isHealthy());
            assertEquals("", info.getStorageStatus());
            assertEquals(Durability.WAL, info.getDefaultDurability());
            assertEquals(2, info.getTopics());
            assertEquals(1, info.getSubscriptions());
            assertEquals(64 * 1024, info.getMaxMessageBytes());
            assertEquals(100, info.getMaxBatchMessages());
            assertNotNull(info.getVersion());
            assertTrue(broker.service().healthy());
            assertEquals(1, broker.service().subscriptionCount());
            assertTrue(producerIdsDiffer(broker), "every initProducer returns a new id");
        }
    }

    private static boolean producerIdsDiffer(TestBroker broker) throws Exception {
        return broker.service().initProducer() != broker.service().initProducer();
    }

    private static Object gauge(TestBroker broker, String name) {
        Gauge<?> gauge = broker.registry().getGauges().get(name);
        assertNotNull(gauge, name);
        return gauge.getValue();
    }
}
