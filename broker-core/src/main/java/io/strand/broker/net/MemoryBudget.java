package io.strand.broker.net;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The broker-wide bound on memory held for requests in flight ({@code max.inflight.request.bytes}).
 * Without it each connection is bounded only by {@code max.frame.bytes}, so the worst case would be
 * {@code max.connections × max.frame.bytes}; with it, what all connections hold together beyond their
 * small free allowance (see {@link ConnectionMemory}) never exceeds {@link #limit()}.
 *
 * <p>A connection reserves before it buffers or decodes and releases when its request is done or the
 * connection ends. A reservation that does not fit waits for releases, at most the given time; a
 * reservation larger than the whole budget fails at once (it could never fit). No fairness between
 * waiters is promised: a large request may wait while smaller ones keep fitting, which is why the wait
 * is bounded.
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #reserve} blocks.
 */
final class MemoryBudget implements AutoCloseable {
    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long inUse; // guarded by lock
    private volatile long inUseSnapshot;
    private volatile int waiters;
    private boolean closed; // guarded by lock

    MemoryBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Bytes reserved right now, by all connections together. */
    long inUse() {
        return inUseSnapshot;
    }

    /** Threads waiting for room right now. */
    int waiters() {
        return waiters;
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code waitNanos} for others to release enough.
     *
     * @return false when the bytes did not fit in time, can never fit, or the budget is closed
     */
    boolean reserve(long bytes, long waitNanos) throws InterruptedException {
        if (bytes <= 0) {
            return true;
        }
        if (bytes > limit) {
            return false;
        }
        long deadline = System.nanoTime() + waitNanos;
        lock.lockInterruptibly();
        try {
            while (!closed && inUse + bytes > limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waiters++;
                try {
                    released.awaitNanos(left);
                } finally {
                    waiters--;
                }
            }
            if (closed) {
                return false;
            }
            inUse += bytes;
            inUseSnapshot = inUse;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Returns {@code bytes} reserved earlier and wakes waiters. */
    void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        lock.lock();
        try {
            if (bytes > inUse) {
                throw new IllegalStateException("releasing " + bytes + " bytes but only " + inUse + " are reserved");
            }
            inUse -= bytes;
            inUseSnapshot = inUse;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Fails every waiting and later reservation at once (the server is closing). Releases still count. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + inUse() + " of " + limit + " bytes in use]";
    }
}
