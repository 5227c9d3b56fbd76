package io.strand.benchmarks.chaos;

import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalLong;

/**
 * A long value per offset of one topic (a fingerprint, an origin key), for offsets from 0 up: offsets are
 * dense, so an array indexed by offset is the natural map. Grows by doubling.
 *
 * <p>Not thread-safe: its owner guards it.
 */
final class OffsetTable {
    private long[] values = new long[1024];
    private final BitSet present = new BitSet();
    private long limit;

    void put(long offset, long value) {
        int i = index(offset);
        if (i >= values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, i + 1));
        }
        values[i] = value;
        present.set(i);
        limit = Math.max(limit, offset + 1);
    }

    OptionalLong get(long offset) {
        if (offset < 0 || offset >= limit || !present.get((int) offset)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(values[(int) offset]);
    }

    boolean has(long offset) {
        return offset >= 0 && offset < limit && present.get((int) offset);
    }

    /** One past the highest offset ever put (0 when empty). */
    long limit() {
        return limit;
    }

    /** How many offsets hold a value. */
    long size() {
        return present.cardinality();
    }

    /** The first offset in {@code [0, end)} without a value, or {@code end} if there is none. */
    long firstMissingBelow(long end) {
        int next = present.nextClearBit(0);
        return Math.min(next, end);
    }

    /** Calls {@code action} for every offset with a value, in offset order. */
    void forEach(Entry action) {
        for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
            action.accept(i, values[i]);
        }
    }

    OffsetTable copy() {
        OffsetTable c = new OffsetTable();
        c.values = Arrays.copyOf(values, values.length);
        c.present.or(present);
        c.limit = limit;
        return c;
    }

    @FunctionalInterface
    interface Entry {
        void accept(long offset, long value);
    }

    private static int index(long offset) {
        if (offset < 0 || offset >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("offset out of the range a chaos run can reach: " + offset);
        }
        return (int) offset;
    }
}
