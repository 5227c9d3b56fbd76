package io.strand.benchmarks.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The violations found so far, each counted once however often it is seen: every check runs again after
 * every cycle over the whole log, so a message lost in cycle 2 is found again in cycles 3..N, and must
 * still count as one. Each report names what it is about with a key ({@code "chaos.t1@42"}); distinct
 * keys are counted. Keeps the first {@value #EXAMPLES} descriptions for the report.
 *
 * <p>Thread-safe (one lock): subscribers' threads, publishers' callbacks and the run's thread all report.
 * Bounded: at most {@value #MAX_KEYS} keys per kind are remembered; beyond that each further report is
 * counted as new (so a flood of violations still fails the run, with a count that may over-state it).
 */
final class Violations {
    static final int EXAMPLES = 20;
    private static final int MAX_KEYS = 100_000;

    private final Map<Violation, Set<String>> keys = new EnumMap<>(Violation.class);
    private final Map<Violation, Long> overflow = new EnumMap<>(Violation.class);
    private final List<String> examples = new ArrayList<>();

    /** Reports {@code kind} about {@code key}; {@code detail} is kept if it is among the first examples. */
    synchronized void report(Violation kind, String key, String detail) {
        Set<String> seen = keys.computeIfAbsent(kind, k -> new HashSet<>());
        boolean isNew;
        if (seen.size() < MAX_KEYS) {
            isNew = seen.add(key);
        } else {
            isNew = !seen.contains(key);
            if (isNew) {
                overflow.merge(kind, 1L, Long::sum);
            }
        }
        if (isNew && examples.size() < EXAMPLES) {
            examples.add(kind.label() + ": " + detail);
        }
    }

    synchronized long count(Violation kind) {
        return keys.getOrDefault(kind, Set.of()).size() + overflow.getOrDefault(kind, 0L);
    }

    synchronized long total() {
        long sum = 0;
        for (Violation v : Violation.values()) {
            sum += count(v);
        }
        return sum;
    }

    /** Every kind with its count, in declaration order. */
    synchronized Map<Violation, Long> counts() {
        Map<Violation, Long> out = new EnumMap<>(Violation.class);
        for (Violation v : Violation.values()) {
            out.put(v, count(v));
        }
        return out;
    }

    synchronized List<String> examples() {
        return List.copyOf(examples);
    }
}
