package io.strand.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The publisher's per-topic queues, and the rule that decides which batch is sent next.
 *
 * <p>A topic's queue becomes a batch when it holds {@code batch.max.bytes} or {@code batch.max.messages},
 * when its oldest message has waited {@code linger.ms}, or at once while a flush or close is under way.
 * A topic with a batch in flight is skipped until that batch completes: one in-flight batch per topic
 * is what keeps a topic's messages in send order across retries. Among ready topics the one whose
 * oldest message is oldest goes first, so no topic starves.
 *
 * <p>Thread-safe: application threads {@link #append}, sender threads {@link #take} and {@link #done};
 * one lock guards all queues. Memory is bounded outside, by {@link ByteBudget}.
 */
final class BatchAccumulator {

    private final int batchMaxBytes;
    private final int batchMaxMessages;
    private final long lingerNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, TopicQueue> topics = new HashMap<>();
    private final Set<Batch> inFlight = new HashSet<>();
    private int flushes;
    private boolean closed;

    /** One topic's queued messages and idempotence state; guarded by the accumulator's lock. */
    private static final class TopicQueue {
        final ArrayDeque<PendingMessage> messages = new ArrayDeque<>();
        final TopicSequence sequence = new TopicSequence();
        long bytes;
        boolean inFlight;
    }

    private final ByteBudget budget;

    /** @param budget where a finished batch's bytes are given back */
    BatchAccumulator(int batchMaxBytes, int batchMaxMessages, long lingerNanos, ByteBudget budget) {
        this.batchMaxBytes = batchMaxBytes;
        this.batchMaxMessages = batchMaxMessages;
        this.lingerNanos = lingerNanos;
        this.budget = budget;
    }

    /** @throws ClientClosedException after {@link #close()} */
    void append(String topic, PendingMessage message) {
        lock.lock();
        try {
            if (closed) {
                throw new ClientClosedException("the publisher is closed");
            }
            TopicQueue queue = topics.computeIfAbsent(topic, t -> new TopicQueue());
            queue.messages.addLast(message);
            queue.bytes += message.sizeBytes();
            if (queue.messages.size() == 1 || queue.bytes >= batchMaxBytes || queue.messages.size() >= batchMaxMessages) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next batch to send and marks its topic in flight.
     *
     * @return null once closed and nothing is left to send
     */
    Batch take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = System.nanoTime();
                long waitNanos = Long.MAX_VALUE;
                TopicQueue best = null;
                String bestTopic = null;
                boolean anyQueued = false;
                for (Map.Entry<String, TopicQueue> e : topics.entrySet()) {
                    TopicQueue q = e.getValue();
                    if (q.messages.isEmpty()) {
                        continue;
                    }
                    anyQueued = true;
                    if (q.inFlight) {
                        continue;
                    }
                    long oldest = q.messages.peekFirst().sentNanos();
                    if (isReady(q, now - oldest)) {
                        if (best == null || oldest - best.messages.peekFirst().sentNanos() < 0) {
                            best = q;
                            bestTopic = e.getKey();
                        }
                    } else {
                        waitNanos = Math.min(waitNanos, oldest + lingerNanos - now);
                    }
                }
                if (best != null) {
                    return form(bestTopic, best);
                }
                if (closed && !anyQueued) {
                    return null;
                }
                if (waitNanos == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(waitNanos);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean isReady(TopicQueue q, long waitedNanos) {
        return closed || flushes > 0 || q.bytes >= batchMaxBytes || q.messages.size() >= batchMaxMessages
                || waitedNanos >= lingerNanos;
    }

    private Batch form(String topic, TopicQueue q) {
        List<PendingMessage> taken = new ArrayList<>();
        long bytes = 0;
        while (!q.messages.isEmpty() && taken.size() < batchMaxMessages) {
            PendingMessage next = q.messages.peekFirst();
            if (!taken.isEmpty() && bytes + next.sizeBytes() > batchMaxBytes) {
                break;
            }
            taken.add(q.messages.pollFirst());
            bytes += next.sizeBytes();
        }
        q.bytes -= bytes;
        q.inFlight = true;
        Batch batch = new Batch(topic, taken, bytes, q.sequence, this::done);
        inFlight.add(batch);
        return batch;
    }

    /** The batch is acknowledged or failed: free its bytes; its topic may send again. */
    private void done(Batch batch) {
        budget.release(batch.bytes());
        lock.lock();
        try {
            inFlight.remove(batch);
            TopicQueue q = topics.get(batch.topic());
            if (q != null) {
                q.inFlight = false;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes every queued message ready at once, and returns the futures of everything queued or in
     * flight now. Pair with {@link #endFlush()}.
     */
    List<CompletableFuture<PublishAck>> beginFlush() {
        lock.lock();
        try {
            flushes++;
            changed.signalAll();
            return pendingFutures();
        } finally {
            lock.unlock();
        }
    }

    void endFlush() {
        lock.lock();
        try {
            flushes--;
        } finally {
            lock.unlock();
        }
    }

    private List<CompletableFuture<PublishAck>> pendingFutures() {
        List<CompletableFuture<PublishAck>> futures = new ArrayList<>();
        for (Batch b : inFlight) {
            b.collectFutures(futures);
        }
        for (TopicQueue q : topics.values()) {
            for (PendingMessage m : q.messages) {
                futures.add(m.future());
            }
        }
        return futures;
    }

    /** Refuses further appends; what is queued stays and is sent at once. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes every queued (not in-flight) message, for an aborted close. */
    List<PendingMessage> drainQueued() {
        lock.lock();
        try {
            List<PendingMessage> drained = new ArrayList<>();
            for (TopicQueue q : topics.values()) {
                drained.addAll(q.messages);
                q.messages.clear();
                q.bytes = 0;
            }
            changed.signalAll();
            return drained;
        } finally {
            lock.unlock();
        }
    }
}
