package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.await;
import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.replay;
import static io.strand.broker.service.TestBroker.subscriber;
import static io.strand.broker.service.TestBroker.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.StartKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongPollTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ExecutorService fetchers = Executors.newCachedThreadPool();

    @AfterEach
    void stopFetchers() throws InterruptedException {
        fetchers.shutdownNow();
        assertTrue(fetchers.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void aWaitingReplayFetchReturnsTheMessagePublishedAfterItStarted() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            broker.service().createTopic("quiet", null);
            Future<FetchResult> waiting = startFetch(broker, replay("quiet", 0));
            awaitParked(broker, 1);

            publish(broker.service(), "quiet", "wake up");

            assertEquals(List.of("wake up"), texts(waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS)));
            await("the waiter to be released", BOUND, () -> broker.service().waiterRegistrations() == 0);
        }
    }

    @Test
    void aWaitingSubscriptionFetchSeesANewTopicFromOffsetZero() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            broker.service().subscribe(subscriber("everything", null, StartKind.LATEST));
            Future<FetchResult> waiting = startFetch(broker, bySubscription("everything"));
            awaitParked(broker, 1);

            publish(broker.service(), "brand.new", "first");

            FetchResult result = waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of("first"), texts(result));
            assertEquals(0, result.getMessages().get(0).getOffset());
        }
    }

    @Test
    void topicsCreatedWhileAFetchIsGoingToSleepStillWakeIt() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            for (int i = 0; i < 30; i++) {
                String pattern = "race" + i + ".*";
                broker.service().subscribe(subscriber("s" + i, pattern, StartKind.LATEST));
                Future<FetchResult> waiting = startFetch(broker, bySubscription("s" + i));
                publish(broker.service(), "race" + i + ".x", "m" + i); // no wait for the fetch to park: race it
                assertEquals(List.of("m" + i), texts(waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS)));
            }
        }
    }

    @Test
    void timedOutFetchesLeaveNoWaitersBehind() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            broker.service().createTopic("quiet", null);
            broker.service().subscribe(subscriber("s", "quiet", StartKind.LATEST));
            for (int i = 0; i < 20; i++) {
                assertEquals(0, broker.service().fetch(replay("quiet", 0).setMaxWaitMs(5)).getMessagesSize());
                assertEquals(0, broker.service().fetch(bySubscription("s").setMaxWaitMs(5)).getMessagesSize());
            }
            assertEquals(0, broker.service().waiterRegistrations());
            assertEquals(0, broker.registry().getGauges().get("broker.fetch.waiting").getValue());
        }
    }

    @Test
    void closingTheServiceReleasesWaitingFetches() throws Exception {
        TestBroker broker = TestBroker.start(dir);
        try {
            broker.service().createTopic("quiet", null);
            Future<FetchResult> waiting = startFetch(broker, replay("quiet", 0));
            awaitParked(broker, 1);

            broker.service().close();

            assertEquals(0, waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS).getMessagesSize());
            TestBroker.expectError(io.strand.api.ErrorCode.UNAVAILABLE,
                    () -> broker.service().fetch(replay("quiet", 0)));
        } finally {
            broker.close();
        }
    }

    private Future<FetchResult> startFetch(TestBroker broker, FetchRequest request) {
        return fetchers.submit(() -> broker.service().fetch(request.setMaxWaitMs((int) BOUND.toMillis())));
    }

    private static void awaitParked(TestBroker broker, int count) throws InterruptedException {
        await(count + " parked fetch(es)", BOUND,
                () -> (Integer) broker.registry().getGauges().get("broker.fetch.waiting").getValue() == count);
    }
}
