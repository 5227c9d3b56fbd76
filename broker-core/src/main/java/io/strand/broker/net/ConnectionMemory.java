package io.strand.broker.net;

import java.time.Duration;

/**
 * One connection's share of the {@link MemoryBudget}: its transport reports the footprint of the
 * request in progress (read buffer and request bytes, decoded-size estimate, response buffer — see
 * {@link ConnectionTransport}) and this class keeps a reservation covering everything above a free
 * {@link #ALLOWANCE}.
 *
 * <p>Why a free allowance: small requests — nearly all of them — never touch the shared budget's lock,
 * and a budget taken up by a few large or slowly sent requests cannot stall them; what the allowances
 * add up to is bounded separately, by {@code max.connections × ALLOWANCE} (64 MiB at the default 1024
 * connections). Reservations are made in {@link #GRANULE}s so that a growing request returns to the
 * shared lock only every 64 KiB.
 *
 * <p>Thread rule: used only by the connection's own thread, except {@link #waiting()}.
 */
final class ConnectionMemory {
    /** Bytes of footprint each connection may hold without reserving. */
    static final long ALLOWANCE = 64 * 1024;
    static final long GRANULE = 64 * 1024;

    private final MemoryBudget budget;
    private final long waitNanos;
    private final long waitMillis;
    private long reserved;
    private volatile boolean waiting;

    ConnectionMemory(MemoryBudget budget, Duration wait) {
        this.budget = budget;
        this.waitNanos = wait.toNanos();
        this.waitMillis = wait.toMillis();
    }

    /**
     * Makes sure {@code footprint} bytes are covered (allowance plus reservation), reserving the
     * difference and waiting for it if the budget is full.
     *
     * @throws MemoryBudgetException no room within the wait, or the footprint exceeds the whole budget
     */
    void cover(long footprint) throws MemoryBudgetException {
        long needed = footprint - ALLOWANCE - reserved;
        if (needed <= 0) {
            return;
        }
        long headroom = budget.limit() - reserved;
        if (needed > headroom) {
            throw new MemoryBudgetException("a request needs " + footprint + " bytes of memory, more than "
                    + "max.inflight.request.bytes (" + budget.limit() + ") allows one connection");
        }
        long grant = Math.min(roundUp(needed), headroom);
        boolean granted;
        waiting = true;
        try {
            granted = budget.reserve(grant, waitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryBudgetException("interrupted while waiting for memory (the connection is closing)");
        } finally {
            waiting = false;
        }
        if (!granted) {
            throw new MemoryBudgetException("no room for " + grant + " more bytes within " + waitMillis
                    + " ms (inflight.request.wait.ms): requests in flight hold " + budget.inUse() + " of "
                    + budget.limit() + " bytes (max.inflight.request.bytes)");
        }
        reserved += grant;
    }

    /** Shrinks the reservation to what {@code footprint} needs, returning the rest to the budget. */
    void releaseTo(long footprint) {
        long keep = roundUp(Math.max(0, footprint - ALLOWANCE));
        if (reserved > keep) {
            budget.release(reserved - keep);
            reserved = keep;
        }
    }

    /** Returns the whole reservation (the connection ends). Idempotent. */
    void releaseAll() {
        budget.release(reserved);
        reserved = 0;
    }

    /** Whether the connection's thread is blocked waiting for room (any thread may ask). */
    boolean waiting() {
        return waiting;
    }

    /** Bytes this connection holds reserved right now (for tests). */
    long reserved() {
        return reserved;
    }

    private static long roundUp(long bytes) {
        return (bytes + GRANULE - 1) / GRANULE * GRANULE;
    }
}
