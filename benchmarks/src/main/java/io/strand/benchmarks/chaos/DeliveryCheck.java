package io.strand.benchmarks.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The end-of-run promise to subscribers: each one saw every stored message — acknowledged or not —
 * at least once, with the bytes the log holds. Order was already checked as messages arrived
 * ({@link DeliveryLog}); duplicates are allowed (at-least-once) and only counted.
 */
final class DeliveryCheck {
    private final List<DeliveryLog> logs;
    private final Violations violations;

    DeliveryCheck(List<DeliveryLog> logs, Violations violations) {
        this.logs = List.copyOf(logs);
        this.violations = violations;
    }

    /**
     * Waits (at most {@code timeout}) until every subscriber saw every offset below {@code ends}.
     *
     * @return true if they all did in time
     */
    boolean awaitDrained(Map<String, Long> ends, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!drained(ends)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private boolean drained(Map<String, Long> ends) {
        for (DeliveryLog log : logs) {
            for (Map.Entry<String, Long> e : ends.entrySet()) {
                if (!log.sawAllBelow(e.getKey(), e.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Compares every subscriber's deliveries with {@code log}, offset by offset. */
    void compare(LogImage log) {
        for (DeliveryLog d : logs) {
            for (String topic : log.ends().keySet()) {
                long end = log.end(topic);
                for (long offset = 0; offset < end; offset++) {
                    compareOne(d, topic, offset, log.fingerprint(topic, offset));
                }
            }
        }
    }

    private void compareOne(DeliveryLog d, String topic, long offset, OptionalLong stored) {
        String where = d.subscriber() + ":" + topic + "@" + offset;
        OptionalLong seen = d.seen(topic, offset);
        if (seen.isEmpty()) {
            violations.report(Violation.UNDELIVERED, where, d.subscriber() + " never received " + topic + "@" + offset);
        } else if (stored.isPresent() && stored.getAsLong() != seen.getAsLong()) {
            violations.report(Violation.MISMATCHED, where, d.subscriber() + " received other bytes at " + topic + "@"
                    + offset + " than the log holds");
        }
    }

    /** Per subscriber, deliveries of an offset it had already received. */
    Map<String, Long> redelivered() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        logs.forEach(l -> out.put(l.subscriber(), l.redeliveries()));
        return out;
    }
}
