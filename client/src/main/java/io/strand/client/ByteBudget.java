package io.strand.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The publisher's buffer bound: bytes of messages sent but not yet acknowledged or failed. {@code send}
 * reserves a message's bytes here before queueing it and the sender releases them when the message's
 * batch completes, so memory never grows past {@code buffer.memory.bytes}. Thread-safe.
 *
 * <p>Why a compare-and-set fast path: {@code send} reserves once per message on the application's
 * thread, the busiest one in the W1 profile, where a lock round trip per message showed up. Only a
 * reservation that does not fit takes the lock and waits. A waiter registers ({@code waiters}) under
 * the lock <em>before</em> it re-reads {@code used}, and a release reads {@code waiters} <em>after</em>
 * it has lowered {@code used}: so either the waiter sees the release, or the release sees the waiter and
 * signals it under the lock, which the waiter only gives up inside {@code await}. No wake-up is lost.
 */
final class ByteBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private volatile int waiters; // written under lock

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
        if (tryAcquire(bytes)) {
            return true;
        }
        long remaining = maxWait.toNanos();
        lock.lockInterruptibly();
        try {
            waiters++;
            try {
                while (!tryAcquire(bytes)) {
                    if (remaining <= 0) {
                        return false;
                    }
                    remaining = released.awaitNanos(remaining);
                }
                return true;
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean tryAcquire(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
        if (waiters > 0) {
            lock.lock();
            try {
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    long used() {
        return used.get();
    }
}
