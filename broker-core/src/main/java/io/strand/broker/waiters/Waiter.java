package io.strand.broker.waiters;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One reader's registration with {@link FetchWaiters}. One-shot: once woken it stays woken. Owned by
 * the thread that registered it, which must {@link #close()} it (try-with-resources) whatever happens;
 * {@link #wake()} may be called from any thread.
 */
public final class Waiter implements AutoCloseable {
    private final FetchWaiters owner;
    private final CountDownLatch signal = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    Waiter(FetchWaiters owner) {
        this.owner = owner;
    }

    /**
     * Blocks until woken or until {@code timeout} passes. Returns true when woken (something may have
     * changed: read again), false on timeout.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return signal.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    public boolean woken() {
        return signal.getCount() == 0;
    }

    /** Wakes the owner's {@link #await}. Idempotent; safe from any thread. */
    public void wake() {
        signal.countDown();
    }

    /** Removes this waiter from every topic it was registered on. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.remove(this);
        }
    }
}
