package io.strand.benchmarks.chaos;

import java.util.HashMap;
import java.util.Map;

/**
 * Every committed offset observed per (subscription, topic), checked against the promise that a commit
 * is cumulative and durable: an observation lower than an earlier one is a
 * {@link Violation#CURSOR_REGRESSIONS} (the run never seeks, so nothing may move a cursor back — not
 * even a SIGKILL between the commit and the next observation), and one beyond the topic's end is a
 * {@link Violation#CURSORS_BEYOND_END}.
 *
 * <p>Thread-safe: the cursor watcher's thread and the run's thread both observe.
 */
final class CursorHistory {
    private final Violations violations;
    private final Map<String, Long> highest = new HashMap<>();
    private long observations;

    CursorHistory(Violations violations) {
        this.violations = violations;
    }

    synchronized void observe(String subscription, String topic, long committed, long topicEnd) {
        observations++;
        String key = subscription + ":" + topic;
        Long before = highest.get(key);
        if (before != null && committed < before) {
            violations.report(Violation.CURSOR_REGRESSIONS, key + ":" + before + "->" + committed,
                    "the committed offset of " + subscription + " on " + topic + " went back from " + before
                            + " to " + committed);
        } else {
            highest.put(key, committed);
        }
        if (committed > topicEnd) {
            violations.report(Violation.CURSORS_BEYOND_END, key + ":" + committed, "the committed offset of "
                    + subscription + " on " + topic + " is " + committed + ", beyond the topic's end " + topicEnd);
        }
    }

    synchronized long observations() {
        return observations;
    }

    /** The highest committed offset seen per "subscription:topic". */
    synchronized Map<String, Long> highest() {
        return Map.copyOf(highest);
    }
}
