package io.strand.broker.push;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Capped exponential backoff with "equal jitter": the n-th retry waits a random time between half and
 * all of {@code min(max, initial · 2^(n-1))}. The jitter keeps many push subscriptions whose endpoint
 * went down together from hammering it in lock-step when it comes back; the half that is not random
 * keeps the delay growing. Immutable; the random source is injected so tests can pin it.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final LongUnaryOperator randomBelow;

    /** @param randomBelow given a bound b > 0, returns a value in [0, b) */
    Backoff(Duration initial, Duration max, LongUnaryOperator randomBelow) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.randomBelow = randomBelow;
    }

    /** The delay before retry number {@code retry} (1 = the first retry). */
    Duration delay(int retry) {
        long ceiling = initialNanos;
        for (int i = 1; i < retry && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        long half = ceiling / 2;
        long span = ceiling - half;
        return Duration.ofNanos(half + (span > 0 ? randomBelow.applyAsLong(span + 1) : 0));
    }
}
