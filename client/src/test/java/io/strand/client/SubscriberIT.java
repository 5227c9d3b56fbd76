package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pull subscriber against a real broker: resume, acks, seek, start positions, flow control, fencing. */
@Timeout(120)
class SubscriberIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    /** Offsets in delivery order, plus the connection events seen. */
    private static final class Recorder implements MessageHandler, ConnectionListener {
        final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger disconnects = new AtomicInteger();
        final CompletableFuture<StrandClientException> stopped = new CompletableFuture<>();

        @Override
        public void handle(ReceivedMessage message) {
            messages.add(message);
        }

        @Override
        public void connected() {
            connects.incrementAndGet();
        }

        @Override
        public void disconnected(StrandClientException cause) {
            disconnects.incrementAndGet();
        }

        @Override
        public void stopped(StrandClientException cause) {
            stopped.complete(cause);
        }

        List<Long> offsets() {
            return messages.stream().map(ReceivedMessage::offset).toList();
        }

        TreeSet<Long> distinct() {
            return new TreeSet<>(offsets());
        }

        /** No message skipped: each delivery is at most one past the highest offset delivered before it. */
        void assertNothingSkipped() {
            long highest = -1;
            for (long offset : offsets()) {
                assertTrue(offset <= highest + 1, "skipped from " + highest + " to " + offset + " in " + offsets());
                highest = Math.max(highest, offset);
            }
        }
    }

    private static void publish(ClientOptions client, String topic, int from, int to) throws InterruptedException {
        try (Publisher publisher = Strand.publisher(PublisherOptions.builder().client(client).build())) {
            for (int i = from; i < to; i++) {
                publisher.send(Message.of(topic, "m" + i));
            }
            publisher.flush();
        }
    }

    private static SubscriberOptions.Builder options(ClientOptions client, String name, String topic) {
        return SubscriberOptions.builder(name, topic).client(client).start(StartPosition.earliest())
                .fetchMaxWait(Duration.ofMillis(200)).autoCommitInterval(Duration.ofMillis(100))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private static long committed(ClientOptions client, String subscription, String topic) {
        try (Admin admin = Strand.admin(client)) {
            return admin.describeSubscription(subscription).cursors().stream()
                    .filter(c -> c.topic().equals(topic)).findFirst().orElseThrow().committedOffset();
        }
    }

    @Test
    void resumesAfterDisconnectsFromTheCommittedOffsetWithNothingLostOrSkipped() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        DroppingProxy proxy = closing(new DroppingProxy(broker.port()));
        publish(broker.clientOptions(), "flaky", 0, 300);
        Recorder recorder = new Recorder();
        Subscriber subscriber = closing(Strand.subscribe(
                options(ClientOptions.forBroker(proxy.address()), "resumer", "flaky").fetchMaxMessages(20)
                        .listener(recorder).build(),
                m -> {
                    recorder.handle(m);
                    if (m.offset() % 100 == 50 && recorder.messages.size() < 400) {
                        proxy.cutAll(); // mid-batch: the rest of this fetch is never acknowledged
                    }
                }));
        Await.until(WAIT, () -> recorder.distinct().size() == 300, () -> "300 distinct offsets, have " + recorder.distinct().size());
        subscriber.close();
        recorder.assertNothingSkipped();
        assertEquals(0L, recorder.distinct().first());
        assertEquals(299L, recorder.distinct().last());
        assertTrue(recorder.disconnects.get() >= 3, "disconnects seen: " + recorder.disconnects.get());
        assertTrue(recorder.connects.get() >= 4, "connects seen: " + recorder.connects.get());
        assertEquals(300, committed(broker.clientOptions(), "resumer", "flaky"));
    }

    @Test
    void resumesAfterABrokerRestartAtTheCommittedOffset() throws Exception {
        TestBroker broker = closing(TestBroker.startRestartable(dataDir));
        publish(broker.clientOptions(), "restarts", 0, 100);
        Recorder recorder = new Recorder();
        Subscriber subscriber = closing(Strand.subscribe(
                options(broker.clientOptions(), "survivor", "restarts").listener(recorder).build(), recorder));
        Await.until(WAIT, () -> recorder.distinct().size() == 100, () -> "first 100 messages");
        Await.until(WAIT, () -> committed(broker.clientOptions(), "survivor", "restarts") == 100, () -> "commit of 100");
        broker.restart();
        publish(broker.clientOptions(), "restarts", 100, 200);
        Await.until(WAIT, () -> recorder.distinct().size() == 200, () -> "all 200 messages, have " + recorder.distinct().size());
        subscriber.close();
        recorder.assertNothingSkipped();
        assertEquals(200, recorder.messages.size(), "nothing redelivered: everything before the restart was committed");
        assertTrue(recorder.disconnects.get() >= 1);
        assertEquals(200, committed(broker.clientOptions(), "survivor", "restarts"));
    }

    @Test
    void autoAckCommitsEverythingHandledAndANewInstanceContinuesAfterIt() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "auto", 0, 30);
        Recorder first = new Recorder();
        try (Subscriber s = Strand.subscribe(options(broker.clientOptions(), "auto-sub", "auto").build(), first)) {
            s.caughtUp().get(30, TimeUnit.SECONDS);
        }
        assertEquals(30, first.messages.size());
        assertEquals(30, committed(broker.clientOptions(), "auto-sub", "auto"));
        publish(broker.clientOptions(), "auto", 30, 35);
        Recorder second = new Recorder();
        try (Subscriber s = Strand.subscribe(options(broker.clientOptions(), "auto-sub", "auto").build(), second)) {
            s.caughtUp().get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(30L, 31L, 32L, 33L, 34L), second.offsets());
    }

    @Test
    void manualAckCommitsOnlyUpToTheAcknowledgedMessageAndTheRestIsRedelivered() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "manual", 0, 20);
        Recorder first = new Recorder();
        try (Subscriber s = Strand.subscribe(options(broker.clientOptions(), "manual-sub", "manual")
                .ackMode(AckMode.MANUAL).build(), first)) {
            Await.until(WAIT, () -> first.messages.size() == 20, () -> "20 deliveries");
            s.ack(first.messages.get(9)); // cumulative: 0..9
        }
        assertEquals(10, committed(broker.clientOptions(), "manual-sub", "manual"));
        Recorder second = new Recorder();
        try (Subscriber s = Strand.subscribe(options(broker.clientOptions(), "manual-sub", "manual")
                .ackMode(AckMode.MANUAL).build(), second)) {
            Await.until(WAIT, () -> second.messages.size() == 10, () -> "10 redeliveries");
            assertEquals(10L, second.offsets().get(0));
            s.ack(second.messages.get(9));
            s.caughtUp().get(30, TimeUnit.SECONDS);
        }
        assertEquals(20, committed(broker.clientOptions(), "manual-sub", "manual"));
    }

    @Test
    void holdsAtMostMaxUnackedMessagesInManualMode() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "bounded", 0, 50);
        Recorder recorder = new Recorder();
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "bounded-sub", "bounded")
                .ackMode(AckMode.MANUAL).maxUnacked(10).build(), recorder));
        Await.until(WAIT, () -> recorder.messages.size() == 10, () -> "the first 10");
        Thread.sleep(500); // several fetch rounds' worth: none may deliver more
        assertEquals(10, recorder.messages.size(), "nothing beyond max.unacked without an ack");
        s.ack(recorder.messages.get(4));
        Await.until(WAIT, () -> recorder.messages.size() == 15, () -> "5 more after acking 5");
        Thread.sleep(300);
        assertEquals(15, recorder.messages.size());
        s.ack(recorder.messages.get(14));
        Await.until(WAIT, () -> recorder.messages.size() == 25, () -> "10 more");
    }

    @Test
    void seekOnALiveSubscriberReplaysFromTheNewPosition() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "replayed", 0, 20);
        Recorder recorder = new Recorder();
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "seeker", "replayed").build(), recorder));
        s.caughtUp().get(30, TimeUnit.SECONDS);
        assertEquals(20, recorder.messages.size());
        s.seek("replayed", StartPosition.offset(5)).get(30, TimeUnit.SECONDS);
        Await.until(WAIT, () -> recorder.messages.size() == 35, () -> "15 replayed messages");
        assertEquals(List.of(5L, 6L, 7L), recorder.offsets().subList(20, 23));
        assertEquals(19L, recorder.offsets().get(34));
    }

    @Test
    void anAdminSeekOfALiveSubscriptionReplaysAndIsNotUndoneByItsCommits() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "operated", 0, 20);
        Recorder recorder = new Recorder();
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "ops", "operated").build(), recorder));
        s.caughtUp().get(30, TimeUnit.SECONDS);
        Await.until(WAIT, () -> committed(broker.clientOptions(), "ops", "operated") == 20, () -> "commit of 20");
        try (Admin admin = Strand.admin(broker.clientOptions())) {
            admin.seek("ops", java.util.Optional.of("operated"), StartPosition.earliest());
        }
        publish(broker.clientOptions(), "operated", 20, 21); // wakes the subscriber's long-poll
        Await.until(WAIT, () -> recorder.messages.size() >= 41, () -> "the 20 replayed messages and the new one");
        assertEquals(List.of(0L, 1L, 2L), recorder.offsets().subList(20, 23));
        Await.until(WAIT, () -> committed(broker.clientOptions(), "ops", "operated") == 21, () -> "commit of 21");
    }

    @Test
    void aNewSubscriptionStartsWhereItsStartPositionSays() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        ClientOptions client = broker.clientOptions();
        publish(client, "starts", 0, 10);
        Thread.sleep(20); // so that the next messages have a later append time than the first ten
        PublishAck firstOfSecondHalf;
        try (Publisher p = Strand.publisher(PublisherOptions.builder().client(client).build())) {
            firstOfSecondHalf = p.sendAndWait(Message.of("starts", "m10"));
            for (int i = 11; i < 20; i++) {
                p.send(Message.of("starts", "m" + i));
            }
            p.flush();
        }
        assertEquals(20, firstDelivered(client, "from-earliest", StartPosition.earliest(), 20).size());
        assertEquals(15L, firstDelivered(client, "from-offset", StartPosition.offset(15), 5).get(0));
        assertEquals(10L, firstDelivered(client, "from-time", StartPosition.time(firstOfSecondHalf.timestamp()), 10).get(0));

        Recorder latest = new Recorder();
        try (Subscriber s = Strand.subscribe(options(client, "from-latest", "starts").start(StartPosition.latest()).build(),
                latest)) {
            s.caughtUp().get(30, TimeUnit.SECONDS);
            publish(client, "starts", 20, 21);
            Await.until(WAIT, () -> latest.messages.size() == 1, () -> "the one new message");
        }
        assertEquals(List.of(20L), latest.offsets());
    }

    private static List<Long> firstDelivered(ClientOptions client, String name, StartPosition start, int expected)
            throws Exception {
        Recorder recorder = new Recorder();
        try (Subscriber s = Strand.subscribe(options(client, name, "starts").start(start).build(), recorder)) {
            s.caughtUp().get(30, TimeUnit.SECONDS);
        }
        assertEquals(expected, recorder.messages.size(), name);
        return recorder.offsets();
    }

    @Test
    void aSecondInstanceFencesTheFirstWhichStopsAndSaysWhy() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "shared", 0, 5);
        Recorder first = new Recorder();
        Subscriber one = closing(Strand.subscribe(options(broker.clientOptions(), "single", "shared")
                .listener(first).build(), first));
        one.caughtUp().get(30, TimeUnit.SECONDS);
        Recorder second = new Recorder();
        Subscriber two = closing(Strand.subscribe(options(broker.clientOptions(), "single", "shared")
                .listener(second).build(), second));
        StrandClientException why = first.stopped.get(30, TimeUnit.SECONDS);
        assertInstanceOf(SessionFencedException.class, why);
        one.terminated().get(30, TimeUnit.SECONDS);
        assertTrue(two.isRunning());
        publish(broker.clientOptions(), "shared", 5, 6);
        Await.until(WAIT, () -> second.messages.size() == 1, () -> "the new instance receives");
        assertEquals(5, first.messages.size());
    }

    @Test
    void aPatternSubscriptionReceivesEveryMatchingTopicInOrder() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "metrics.cpu", 0, 10);
        publish(broker.clientOptions(), "metrics.disk", 0, 10);
        publish(broker.clientOptions(), "logs.app", 0, 10);
        Recorder recorder = new Recorder();
        try (Subscriber s = Strand.subscribe(options(broker.clientOptions(), "all-metrics", "metrics.*").build(), recorder)) {
            s.caughtUp().get(30, TimeUnit.SECONDS);
        }
        for (String topic : List.of("metrics.cpu", "metrics.disk")) {
            List<Long> offsets = recorder.messages.stream().filter(m -> m.topic().equals(topic))
                    .map(ReceivedMessage::offset).toList();
            assertEquals(10, offsets.size(), topic);
            for (int i = 0; i < 10; i++) {
                assertEquals((long) i, offsets.get(i), topic);
            }
        }
        assertEquals(20, recorder.messages.size());
        assertTrue(recorder.messages.stream().allMatch(m -> m.timestamp().isAfter(Instant.EPOCH)));
    }

    @Test
    void anAcknowledgedTopicThatIsDeletedBeforeTheCommitDoesNotStopTheSubscriber() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "gone.a", 0, 1);
        Recorder recorder = new Recorder();
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "survives-deletes", "gone.*")
                .ackMode(AckMode.MANUAL).listener(recorder).build(), recorder));
        Await.until(WAIT, () -> recorder.messages.size() == 1, () -> "the message of gone.a");
        try (Admin admin = Strand.admin(broker.clientOptions())) {
            admin.deleteTopic("gone.a");
        }
        s.ack(recorder.messages.get(0)); // its commit will find the topic gone
        publish(broker.clientOptions(), "gone.b", 0, 1);
        Await.until(WAIT, () -> recorder.messages.size() == 2, () -> "the message of gone.b");
        assertEquals("gone.b", recorder.messages.get(1).topic());
        s.ack(recorder.messages.get(1));
        Await.until(WAIT, () -> committed(broker.clientOptions(), "survives-deletes", "gone.b") == 1, () -> "commit on gone.b");
        assertTrue(s.isRunning());
        assertTrue(!recorder.stopped.isDone());
    }

    @Test
    void aMessageWhoseHandlerThrowsIsDeliveredAgainBeforeAnythingAfterIt() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "retried", 0, 10);
        List<Long> attempts = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "retrier", "retried").build(), m -> {
            attempts.add(m.offset());
            if (m.offset() == 3 && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("not yet");
            }
        }));
        s.caughtUp().get(30, TimeUnit.SECONDS);
        assertEquals(List.of(0L, 1L, 2L, 3L, 3L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), attempts);
        assertTrue(s.isRunning());
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.range(from, to).boxed().toList();
    }

    /** Small batches keep a fetch-ahead outstanding while the handler runs (see PullSession). */
    @Test
    void aSeekMidBatchWithTheNextFetchOutstandingReplaysInOrderWithNothingSkipped() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "ahead", 0, 300);
        Recorder recorder = new Recorder();
        java.util.concurrent.atomic.AtomicReference<Subscriber> self = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger seeksLeft = new AtomicInteger(1);
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "ahead-seeker", "ahead")
                .fetchMaxMessages(10).build(), m -> {
                    recorder.handle(m);
                    if (m.offset() == 55 && seeksLeft.getAndDecrement() > 0) {
                        while (self.get() == null) {
                            Thread.onSpinWait();
                        }
                        self.get().seek("ahead", StartPosition.offset(20)); // not awaited: this thread carries it out
                    }
                }));
        self.set(s);
        Await.until(WAIT, () -> recorder.messages.size() >= 56 + 280, () -> "336 deliveries, have " + recorder.messages.size());
        s.close();
        List<Long> expected = new ArrayList<>(range(0, 56));
        expected.addAll(range(20, 300));
        assertEquals(expected, recorder.offsets());
    }

    @Test
    void aHandlerFailureWithTheNextFetchOutstandingRedeliversFromTheFailedMessage() throws Exception {
        TestBroker broker = closing(TestBroker.start(dataDir));
        publish(broker.clientOptions(), "ahead-fail", 0, 200);
        List<Long> attempts = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        Subscriber s = closing(Strand.subscribe(options(broker.clientOptions(), "ahead-retrier", "ahead-fail")
                .fetchMaxMessages(10).build(), m -> {
                    attempts.add(m.offset());
                    if (m.offset() == 95 && failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("not yet");
                    }
                }));
        s.caughtUp().get(30, TimeUnit.SECONDS);
        List<Long> expected = new ArrayList<>(range(0, 96));
        expected.addAll(range(95, 200));
        assertEquals(expected, attempts);
    }
}
