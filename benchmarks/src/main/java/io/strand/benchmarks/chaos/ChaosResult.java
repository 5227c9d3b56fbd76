package io.strand.benchmarks.chaos;

import io.strand.client.Durability;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a chaos run found.
 *
 * @param durability           the broker's durability mode
 * @param seed                 the seed of the run
 * @param cycles               kill-and-restart cycles completed
 * @param sent                 sends handed to the publishers
 * @param acked                distinct acknowledged messages
 * @param stored               messages in the log at the end (acknowledged, plus any whose ack was lost)
 * @param redelivered          per subscriber, deliveries of an offset it had already received
 * @param retriesRecognised    acknowledgements flagged duplicate: idempotent retries the broker recognised
 * @param reconnects           times a pull subscriber lost its connection and reconnected
 * @param ackDurability        acknowledgements per durability they reported
 * @param metrics              the broker's own metrics, summed over its lives
 * @param slowestResume        the longest a restart took until every client had made progress again
 * @param violations           count per kind
 * @param examples             the first violations, described
 * @param elapsed              wall time of the run
 */
record ChaosResult(Durability durability, long seed, int cycles, long sent, long acked, long stored,
                   Map<String, Long> redelivered,
                   long retriesRecognised, long reconnects, Map<Durability, Long> ackDurability, BrokerMetrics metrics,
                   Duration slowestResume, Map<Violation, Long> violations, List<String> examples, Duration elapsed) {

    ChaosResult {
        redelivered = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(redelivered));
        ackDurability = Map.copyOf(ackDurability);
        violations = Map.copyOf(violations);
        examples = List.copyOf(examples);
    }

    boolean passed() {
        return violations.values().stream().allMatch(n -> n == 0);
    }

    long count(Violation v) {
        return violations.getOrDefault(v, 0L);
    }

    /** {@code cycles=20 acked=... lost=0 duplicated=0 gaps=0 reordered=0 redelivered=...}. */
    String summaryLine() {
        return "cycles=" + cycles + " acked=" + acked + " lost=" + count(Violation.LOST) + " duplicated="
                + count(Violation.DUPLICATED) + " gaps=" + count(Violation.GAPS) + " reordered="
                + count(Violation.REORDERED) + " redelivered=" + totalRedelivered();
    }

    long totalRedelivered() {
        return redelivered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every other count, violations included. */
    String detailLine() {
        StringJoiner j = new StringJoiner(" ");
        j.add("durability=" + durability.name().toLowerCase(Locale.ROOT)).add("seed=" + seed).add("sent=" + sent)
                .add("stored=" + stored).add("idempotentRetries=" + retriesRecognised).add("reconnects=" + reconnects)
                .add("slowestResumeMs=" + slowestResume.toMillis());
        redelivered.forEach((subscriber, n) -> j.add("redelivered." + subscriber + "=" + n));
        for (Violation v : Violation.values()) {
            if (v != Violation.LOST && v != Violation.DUPLICATED && v != Violation.GAPS && v != Violation.REORDERED) {
                j.add(v.label() + "=" + count(v));
            }
        }
        j.add("elapsedS=" + elapsed.toSeconds());
        return j.toString();
    }

    /**
     * The sync evidence: syncs against the write requests they made durable — acknowledged publishes plus
     * cursor commits and producer ids, as {@code storage.group.size} counts them (groups × mean) — so
     * more requests than syncs is group commit at work; and the durability every acknowledgement reported.
     * The counts of one life are read from one scrape, a few milliseconds apart, so they may be off by
     * the groups committed meanwhile.
     */
    String syncLine() {
        double requests = metrics.groups() * metrics.groupMean();
        return String.format(Locale.ROOT, "syncs=%d publishRequests=%d appendedRecords=%d groups=%d "
                        + "requestsCommitted=%.0f requestsPerGroup=%.2f maxGroup=%d requestsPerSync=%s "
                        + "syncMeanMs=%.3f appendMeanMs=%.3f acksFsync=%d acksWal=%d",
                metrics.syncs(), metrics.publishRequests(), metrics.appendedRecords(), metrics.groups(), requests,
                metrics.groupMean(), metrics.groupMax(),
                metrics.syncs() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", requests / metrics.syncs()),
                metrics.syncMeanMs(), metrics.appendMeanMs(), ackDurability.getOrDefault(Durability.FSYNC, 0L),
                ackDurability.getOrDefault(Durability.WAL, 0L));
    }
}
