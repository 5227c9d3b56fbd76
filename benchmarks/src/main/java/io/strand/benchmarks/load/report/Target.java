package io.strand.benchmarks.load.report;

import io.strand.benchmarks.load.sut.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One of the benchmark issue's targets: Strand's headline value on a workload, either relative to a
 * peer's (a ratio bound) or absolute.
 *
 * @param text       the target as the issue states it
 * @param workload   the workload compared
 * @param strandMode Strand's mode to take, or empty for its first (default) one
 * @param peers      peers compared against; empty for an absolute bound; with several, the best of them
 * @param bound      the ratio (or, absolute, the value) the result must reach
 * @param atLeast    true: result ≥ bound; false: result ≤ bound
 */
public record Target(String text, Workload workload, Optional<String> strandMode, List<String> peers, double bound,
                     boolean atLeast) {

    /** The targets of the benchmark issue. */
    public static List<Target> issueTargets() {
        return List.of(
                new Target("W1 fsync ≥ 1.0× Kafka W1 (Kafka: no fsync)", Workload.W1, Optional.of("fsync"),
                        List.of("kafka"), 1.0, true),
                new Target("W1 wal ≥ 1.5× Kafka W1", Workload.W1, Optional.of("wal"), List.of("kafka"), 1.5, true),
                new Target("W2 ≥ 1.0× Kafka W2", Workload.W2, Optional.empty(), List.of("kafka"), 1.0, true),
                new Target("W3 p99 ≤ 0.2× Kafka's", Workload.W3, Optional.of("fsync"), List.of("kafka"), 0.2, false),
                new Target("W3 p99 ≤ 2× Redis's", Workload.W3, Optional.of("fsync"), List.of("redis"), 2.0, false),
                new Target("W4 replay ≥ 1.0× the faster of Kafka and Redis", Workload.W4, Optional.empty(),
                        List.of("kafka", "redis"), 1.0, true),
                new Target("W5 p99 ≤ Redis's", Workload.W5, Optional.of("fsync"), List.of("redis"), 1.0, false),
                new Target("W7 restart < 2 s", Workload.W7, Optional.empty(), List.of(), 2000, false));
    }

    /** The measured value (a ratio, or the absolute value), if the results hold what it needs. */
    public OptionalDouble measure(List<Result> results) {
        Headline h = Headline.of(workload);
        Optional<Result> strand = results.stream()
                .filter(r -> r.system().equals(Ratio.STRAND) && r.workload() == workload && !r.failed())
                .filter(r -> strandMode.map(m -> m.equals(r.mode().name())).orElse(true))
                .findFirst();
        if (strand.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble mine = h.valueOf(strand.get());
        if (peers.isEmpty() || mine.isEmpty()) {
            return mine;
        }
        OptionalDouble best = OptionalDouble.empty();
        for (String peer : peers) {
            OptionalDouble v = results.stream()
                    .filter(r -> r.system().equals(peer) && r.workload() == workload && !r.failed())
                    .findFirst().map(h::valueOf).orElse(OptionalDouble.empty());
            if (v.isPresent() && (best.isEmpty() || (h.higherIsBetter() ? v.getAsDouble() > best.getAsDouble()
                    : v.getAsDouble() < best.getAsDouble()))) {
                best = v;
            }
        }
        if (best.isEmpty() || best.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(mine.getAsDouble() / best.getAsDouble());
    }

    public boolean met(double measured) {
        return atLeast ? measured >= bound : measured <= bound;
    }

    /** "met", "missed by 17%" or "not measured", for the table. */
    public String verdict(OptionalDouble measured) {
        if (measured.isEmpty()) {
            return "not measured";
        }
        double m = measured.getAsDouble();
        if (met(m)) {
            return "met";
        }
        double miss = atLeast ? (bound - m) / bound : (m - bound) / bound;
        return String.format(Locale.ROOT, "missed by %.0f%%", miss * 100);
    }

    /** The measured value as the table shows it: a ratio ("0.83×") or the absolute value ("1,234 ms"). */
    public String show(OptionalDouble measured) {
        if (measured.isEmpty()) {
            return "-";
        }
        if (peers.isEmpty()) {
            return String.format(Locale.ROOT, "%,.0f ms", measured.getAsDouble());
        }
        return String.format(Locale.ROOT, "%.2f×", measured.getAsDouble());
    }
}
