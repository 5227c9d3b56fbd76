package io.strand.broker.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that may be caused by any client, as often as it likes (malformed frames, refused
 * connections): logged at most once per interval, with the number of occurrences that were not
 * logged since, so a misbehaving client cannot flood the log. Thread-safe.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, long interval, TimeUnit unit, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    RateLimitedLog(Logger log) {
        this(log, 10, TimeUnit.SECONDS, System::nanoTime);
    }

    /** Logs {@code message} at WARN unless one was logged less than an interval ago; returns whether it did. */
    boolean warn(String message) {
        long now = nanoClock.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed < 0 || !nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        log.warn(skipped == 0 ? message
                : message + " (" + skipped + " similar warnings suppressed in the last period)");
        return true;
    }
}
