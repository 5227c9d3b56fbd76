package io.strand.client;

import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Session;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session of a pull subscriber over one connection: fetch, hand to the handler, commit, seek —
 * until the subscriber is closed ({@link #run} returns normally, after a last commit) or something
 * fails ({@link #run} throws and the subscriber decides whether to reconnect).
 *
 * <p>Runs entirely on the subscriber's thread; not thread-safe.
 */
final class PullSession {

    private static final Logger log = LoggerFactory.getLogger(PullSession.class);

    /** The handler threw; the subscriber restarts the session so the message is delivered again. */
    static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean afterProgress;

        HandlerFailure(ReceivedMessage message, Throwable cause, boolean afterProgress) {
            super("handler failed on " + message.topic() + "@" + message.offset() + ": " + cause, cause);
            this.afterProgress = afterProgress;
        }

        /** True when the handler had processed some message in this session before failing. */
        boolean afterProgress() {
            return afterProgress;
        }
    }

    private final SubscriberOptions options;
    private final io.strand.api.Subscriber subscriber;
    private final MessageHandler handler;
    private final AckTracker tracker;
    private final Queue<SeekRequest> seeks;
    private final BooleanSupplier running;
    private final Runnable onCaughtUp;
    private final Connection connection;
    private long sessionId;
    private boolean handledAny;

    PullSession(SubscriberOptions options, io.strand.api.Subscriber subscriber, MessageHandler handler,
                AckTracker tracker, Queue<SeekRequest> seeks, BooleanSupplier running, Runnable onCaughtUp,
                Connection connection) {
        this.options = options;
        this.subscriber = subscriber;
        this.handler = handler;
        this.tracker = tracker;
        this.seeks = seeks;
        this.running = running;
        this.onCaughtUp = onCaughtUp;
        this.connection = connection;
    }

    /** Opens the session (fencing any older one) and commits what an earlier session could not. */
    void open() {
        Session session = connection.call(c -> c.openSession(subscriber));
        sessionId = session.getSessionId();
        tracker.newSession(brokerCommitted());
        commit();
    }

    void run() throws InterruptedException {
        long commitIntervalNanos = options.autoCommitInterval().toNanos();
        long nextCommit = System.nanoTime() + commitIntervalNanos;
        try {
            while (running.getAsBoolean()) {
                processSeeks();
                if (System.nanoTime() - nextCommit >= 0) {
                    commit();
                    nextCommit = System.nanoTime() + commitIntervalNanos;
                }
                int room = options.maxUnacked() - tracker.unacked();
                if (room <= 0) {
                    tracker.awaitAck(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextCommit - System.nanoTime())));
                    continue;
                }
                FetchResult result = fetch(Math.min(room, options.fetchMaxMessages()));
                if (result.getMessages().isEmpty()) {
                    noticeIdle();
                } else {
                    deliver(result);
                }
            }
        } catch (HandlerFailure e) {
            commit();
            throw e;
        }
        commit();
    }

    private FetchResult fetch(int maxMessages) {
        FetchRequest request = new FetchRequest();
        request.setSubscription(subscriber.getName());
        request.setSessionId(sessionId);
        request.setMaxMessages(maxMessages);
        request.setMaxBytes(options.fetchMaxBytes());
        long waitMs = options.fetchMaxWait().toMillis();
        request.setMaxWaitMs((int) Math.min(Integer.MAX_VALUE, waitMs));
        return connection.call(c -> c.fetch(request), connection.requestTimeoutMs() + waitMs);
    }

    /** The subscription's committed offsets as the broker has them now (topic → offset). */
    private Map<String, Long> brokerCommitted() {
        io.strand.api.SubscriptionInfo info = connection.call(c -> c.describeSubscription(subscriber.getName()));
        Map<String, Long> out = new java.util.HashMap<>();
        if (info.getCursors() != null) {
            for (io.strand.api.CursorInfo cursor : info.getCursors()) {
                out.put(cursor.getTopic(), cursor.getCommittedOffset());
            }
        }
        return out;
    }

    private void deliver(FetchResult result) {
        for (io.strand.api.Message wire : result.getMessages()) {
            if (!running.getAsBoolean() || !seeks.isEmpty()) {
                return; // not handed out, so not acknowledged: the next session delivers them again
            }
            long epoch = tracker.beforeDelivery(wire.getTopic(), wire.getOffset());
            ReceivedMessage message = Wire.fromWire(wire, epoch);
            if (tracker.alreadyAcked(message.topic(), message.offset())) {
                continue;
            }
            tracker.delivered(message);
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new HandlerFailure(message, e, handledAny);
            }
            handledAny = true;
            if (options.ackMode() == AckMode.AUTO) {
                tracker.ack(message);
            }
        }
    }

    /** An empty fetch: if everything handed out is acknowledged, commit it and report "caught up". */
    private void noticeIdle() {
        if (tracker.unacked() == 0) {
            commit();
            if (tracker.toCommit().isEmpty()) {
                onCaughtUp.run();
            }
        }
    }

    /**
     * Commits every acknowledged position that the broker does not have yet. A topic deleted (or
     * recreated shorter) since its messages were acknowledged has nothing left to commit: its positions
     * are dropped rather than stopping the subscriber.
     */
    void commit() {
        for (Map.Entry<String, Long> e : tracker.toCommit().entrySet()) {
            try {
                connection.call(c -> {
                    c.commit(subscriber.getName(), sessionId, e.getKey(), e.getValue());
                    return null;
                });
                tracker.committed(e.getKey(), e.getValue());
            } catch (UnknownTopicException | OffsetOutOfRangeException gone) {
                log.warn("subscription '{}': not committing {} on '{}': {}", subscriber.getName(), e.getValue(),
                        e.getKey(), gone.getMessage());
                tracker.forget(e.getKey());
            }
        }
    }

    /**
     * Carries out queued seeks: commit first (a later cumulative commit would undo the seek), move the
     * cursor, forget local positions, and reopen the session so the broker reads from the new cursor.
     */
    private void processSeeks() {
        boolean moved = false;
        SeekRequest next;
        while ((next = seeks.poll()) != null) {
            SeekRequest r = next;
            commit();
            try {
                connection.call(c -> {
                    c.seek(subscriber.getName(), r.topic().orElse(""), Wire.toWire(r.position()));
                    return null;
                });
            } catch (StrandClientException e) {
                r.done().completeExceptionally(e);
                if (e instanceof Retriable) {
                    throw e; // reconnect; the new session reads from the committed cursor
                }
                continue;
            }
            tracker.seeked(r.topic());
            moved = true;
            r.done().complete(null);
        }
        if (moved) {
            open();
        }
    }
}
