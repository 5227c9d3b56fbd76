package io.strand.broker.service;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues session ids: one counter for the whole broker, seeded with the start time in milliseconds ×
 * 1000, so ids grow across restarts (a broker that restarts at least a millisecond later — and issued
 * fewer than 1000 sessions per millisecond of its life — never reissues an id). That ordering lets a
 * session opened before a restart be recognised as such ({@link #issuedBefore}) and be adopted rather
 * than rejected: a client that survives a broker restart keeps working, and the newest of several such
 * clients wins.
 */
final class SessionIds {
    private final long firstId;
    private final AtomicLong next;
    private final Clock clock;

    SessionIds(Clock clock) {
        this.clock = clock;
        this.firstId = Math.max(1, clock.millis()) * 1000;
        this.next = new AtomicLong(firstId);
    }

    long next() {
        return next.getAndIncrement();
    }

    /** The broker's clock, for when sessions are seen. */
    long nowMillis() {
        return clock.millis();
    }

    /** True for ids issued by an earlier run of the broker (or made up by a client). */
    boolean issuedBefore(long sessionId) {
        return sessionId < firstId;
    }
}
