package io.strand.benchmarks.load;

import java.util.concurrent.locks.LockSupport;

/**
 * When each message of a fixed-rate publisher is meant to be sent: message {@code i} at
 * {@code start + i / rate}. A publisher that falls behind sends late messages at once (it never skips
 * or re-bases the schedule), and latency is measured from the intended time, so time the system
 * under test made the publisher wait is counted in the latency of every message it delayed.
 */
final class FixedRateSchedule {
    private final long startNanos;
    private final double nanosPerMessage;

    FixedRateSchedule(long startNanos, double messagesPerSecond) {
        if (messagesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.startNanos = startNanos;
        this.nanosPerMessage = 1e9 / messagesPerSecond;
    }

    long intendedNanos(long index) {
        return startNanos + Math.round(index * nanosPerMessage);
    }

    /** Parks until {@code nanoTime} reaches {@code target}; returns at once if it already has. */
    static void awaitTime(long target) {
        long wait;
        while ((wait = target - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
