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
 * <p>Fetch-ahead: when a fetch returns messages, the next fetch is sent <em>before</em> they are
 * handed to the handler, so the broker reads and encodes the next batch (or parks the long-poll)
 * while this thread delivers the current one. At most one request is ever outstanding on the
 * connection. The next fetch is sent only when nothing else needs the connection first — no seek
 * queued, no commit due, room left under {@code max.unacked} for both batches — and only while the
 * handler is fast: the response to a fetch sent ahead is read only after the current batch is handled,
 * and until then the broker's connection thread may be blocked writing it (holding its memory, and
 * closed by {@code connection.write.timeout.ms} if that lasts). So a fetch goes ahead only when the
 * previous batch took less than {@value #FETCH_AHEAD_MAX_BATCH_MILLIS} ms to hand out, and never before
 * the first batch has been timed.
 *
 * <p>A fetched batch that is not delivered whole (a seek arrived, the subscriber is closing, the handler
 * failed) ends the session's reading: the outstanding fetch is received and dropped, and the session is
 * reopened from the committed cursor — so nothing is skipped, and nothing is delivered out of order.
 *
 * <p>Runs entirely on the subscriber's thread; not thread-safe.
 */
final class PullSession {

    private static final Logger log = LoggerFactory.getLogger(PullSession.class);
    /** A fetch is sent ahead only while batches take less than this to hand to the handler. */
    static final long FETCH_AHEAD_MAX_BATCH_MILLIS = 100;

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
    /** A fetch was sent and its response not yet read: no other call may use the connection. */
    private boolean fetchOutstanding;

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
        boolean stoppedEarly = false;
        boolean handlerIsFast = false; // unknown until a batch has been timed
        try {
            while (running.getAsBoolean()) {
                if (!fetchOutstanding) {
                    processSeeks(stoppedEarly);
                    stoppedEarly = false;
                    if (System.nanoTime() - nextCommit >= 0) {
                        commit();
                        nextCommit = System.nanoTime() + commitIntervalNanos;
                    }
                    int room = options.maxUnacked() - tracker.unacked();
                    if (room <= 0) {
                        tracker.awaitAck(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextCommit - System.nanoTime())));
                        continue;
                    }
                    sendFetch(Math.min(room, options.fetchMaxMessages()));
                }
                FetchResult result = receiveFetch();
                if (result.getMessages().isEmpty()) {
                    noticeIdle();
                    continue;
                }
                int roomAfter = options.maxUnacked() - tracker.unacked() - result.getMessagesSize();
                if (handlerIsFast && roomAfter > 0 && seeks.isEmpty() && running.getAsBoolean()
                        && System.nanoTime() - nextCommit < 0) {
                    sendFetch(Math.min(roomAfter, options.fetchMaxMessages()));
                }
                long deliveryStart = System.nanoTime();
                if (!deliver(result)) {
                    dropOutstandingFetch();
                    stoppedEarly = true;
                }
                handlerIsFast = System.nanoTime() - deliveryStart
                        < TimeUnit.MILLISECONDS.toNanos(FETCH_AHEAD_MAX_BATCH_MILLIS);
            }
        } catch (HandlerFailure e) {
            // The handler's failure is what the subscriber acts on; a failure to drop or commit rides along.
            try {
                dropOutstandingFetch();
                commit();
            } catch (StrandClientException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        try {
            dropOutstandingFetch();
        } catch (StrandClientException e) {
            log.debug("subscription '{}': the fetch sent ahead failed while closing: {}", subscriber.getName(),
                    e.getMessage());
        }
        commit();
    }

    private void sendFetch(int maxMessages) {
        FetchRequest request = new FetchRequest();
        request.setSubscription(subscriber.getName());
        request.setSessionId(sessionId);
        request.setMaxMessages(maxMessages);
        request.setMaxBytes(options.fetchMaxBytes());
        request.setMaxWaitMs((int) Math.min(Integer.MAX_VALUE, options.fetchMaxWait().toMillis()));
        connection.call(c -> {
            c.send_fetch(request);
            return null;
        });
        fetchOutstanding = true;
    }

    private FetchResult receiveFetch() {
        FetchResult result = connection.call(c -> c.recv_fetch(),
                connection.requestTimeoutMs() + options.fetchMaxWait().toMillis());
        fetchOutstanding = false;
        return result;
    }

    /**
     * Reads and drops the response of an outstanding fetch, if any. Its messages were read ahead in
     * this session but never handed out, so they are not acknowledged; the caller reopens the session
     * or ends it, and the next session reads them again from the committed cursor.
     */
    private void dropOutstandingFetch() {
        if (fetchOutstanding) {
            receiveFetch();
        }
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

    /** Hands the batch to the handler; false when it stopped early for a seek or a close. */
    private boolean deliver(FetchResult result) {
        for (io.strand.api.Message wire : result.getMessages()) {
            if (!running.getAsBoolean() || !seeks.isEmpty()) {
                return false; // not handed out, so not acknowledged: the next session delivers them again
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
        return true;
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
     * Also reopens when {@code undelivered}: the last batch was not handed out whole, and the broker's
     * read position of this session is past messages the handler never saw.
     */
    private void processSeeks(boolean undelivered) {
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
        if (moved || undelivered) {
            open();
        }
    }
}
