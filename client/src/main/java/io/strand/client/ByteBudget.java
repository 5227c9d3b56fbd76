package io.strand.client;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The publisher's buffer bound: bytes of messages sent but not yet acknowledged or failed. {@code send}
 * reserves a message's bytes here before queueing it and the sender releases them when the message's
 * batch completes, so memory never grows past {@code buffer.memory.bytes}. Thread-safe.
 */
final class ByteBudget {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long used;

    ByteBudget(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Reserves {@code bytes} (at most the capacity), waiting up to {@code maxWait} for room.
     *
     * @return false when there was no room in time
     */
    boolean acquire(long bytes, Duration maxWait) throws InterruptedException {
        if (bytes > capacity) {
            throw new IllegalArgumentException(bytes + " bytes exceed the whole budget of " + capacity);
        }
        long remaining = maxWait.toNanos();
        lock.lockInterruptibly();
        try {
            while (used + bytes > capacity) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = released.awaitNanos(remaining);
            }
            used += bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes) {
        lock.lock();
        try {
            used -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }
}
