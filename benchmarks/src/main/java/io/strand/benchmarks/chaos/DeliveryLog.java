package io.strand.benchmarks.chaos;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one subscriber was handed, checked as it arrives against the promise "at least once, in order
 * per topic".
 *
 * <p>Per topic the log keeps the next offset it expects (the one after the last delivery). A delivery
 * at that offset continues the stream; one below it is a rewind — the broker redelivering from a
 * committed offset after a restart, allowed, and counted as a redelivery for every offset seen before;
 * one above it skips messages the subscriber has not seen in this pass, which breaks the order promise
 * ({@link Violation#REORDERED}). Each offset's first payload fingerprint is kept; a later delivery of
 * the same offset with other bytes is {@link Violation#MISMATCHED}.
 *
 * <p>Thread-safe: a subscriber's thread (or a push receiver's server thread) records, the run's thread
 * reads.
 */
final class DeliveryLog {
    private final String subscriber;
    private final Violations violations;
    private final Map<String, TopicStream> topics = new HashMap<>();
    private long deliveries;
    private long redeliveries;

    private static final class TopicStream {
        final OffsetTable seen = new OffsetTable();
        long expected;
    }

    DeliveryLog(String subscriber, Violations violations) {
        this.subscriber = subscriber;
        this.violations = violations;
    }

    String subscriber() {
        return subscriber;
    }

    synchronized void delivered(String topic, long offset, long fingerprint) {
        deliveries++;
        TopicStream s = topics.computeIfAbsent(topic, t -> new TopicStream());
        String where = subscriber + ":" + topic + "@" + offset;
        if (offset > s.expected) {
            violations.report(Violation.REORDERED, where, subscriber + " got " + topic + "@" + offset
                    + " while expecting " + topic + "@" + s.expected);
        }
        OptionalLong before = s.seen.get(offset);
        if (before.isPresent()) {
            redeliveries++;
            if (before.getAsLong() != fingerprint) {
                violations.report(Violation.MISMATCHED, where, subscriber + " got different bytes for "
                        + topic + "@" + offset + " on redelivery");
            }
        } else {
            s.seen.put(offset, fingerprint);
        }
        s.expected = offset + 1;
    }

    synchronized long deliveries() {
        return deliveries;
    }

    synchronized long redeliveries() {
        return redeliveries;
    }

    /** True when every offset in {@code [0, end)} of {@code topic} was delivered at least once. */
    synchronized boolean sawAllBelow(String topic, long end) {
        TopicStream s = topics.get(topic);
        return end == 0 || s != null && s.seen.firstMissingBelow(end) >= end;
    }

    /** The fingerprint first delivered at {@code offset} of {@code topic}, if it was delivered. */
    synchronized OptionalLong seen(String topic, long offset) {
        TopicStream s = topics.get(topic);
        return s == null ? OptionalLong.empty() : s.seen.get(offset);
    }
}
