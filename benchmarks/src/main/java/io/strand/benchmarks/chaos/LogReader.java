package io.strand.benchmarks.chaos;

import java.util.List;

/**
 * Stateless reads of a topic's log, touching no subscription: what {@link LogAudit} needs of the broker,
 * as an interface so the audit's rules can be tested against a log made up in memory.
 */
interface LogReader {

    /** The topic's log start (oldest offset stored) and end (the next offset to be assigned). */
    record Bounds(long start, long end) {
    }

    /** One stored message: its offset and exact payload. */
    record Stored(long offset, byte[] data) {
    }

    Bounds bounds(String topic);

    /** Up to {@code maxMessages} messages from {@code offset} on, in offset order; empty at the end. */
    List<Stored> read(String topic, long offset, int maxMessages);
}
