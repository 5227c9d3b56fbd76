package io.strand.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff: attempt 1 waits about {@code initial}, each later attempt twice the one
 * before, never more than {@code max}. Each delay is jittered by ±20% so clients that lost the broker
 * together do not come back in lockstep. Immutable.
 */
final class Backoff {

    private final long initialMs;
    private final long maxMs;

    Backoff(Duration initial, Duration max) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
    }

    /** The delay before retry number {@code attempt} (1 = the first retry). */
    Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long base = Math.min(maxMs, initialMs << doublings);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.min(maxMs, Math.round(base * jitter))));
    }
}
