package io.strand.benchmarks.load.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The Markdown report of a run: every result with its system's durability setting, Strand's ratio
 * to each peer per workload, and the issue's targets with whether each is met.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static String markdown(List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("| workload | system | mode | durability | msgs | msgs/s | MB/s | p50 µs | p99 µs | p99.9 µs "
                + "| max µs | other |\n");
        md.append("|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (Result r : results) {
            md.append("| ").append(r.workload()).append(' ').append(r.workload().title())
                    .append(" | ").append(r.system())
                    .append(" | ").append(r.mode().name())
                    .append(" | ").append(r.mode().description())
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", r.msgs()))
                    .append(" | ").append(grouped(r.msgsPerSec()))
                    .append(" | ").append(ResultLine.rate(r.mbPerSec(), 1))
                    .append(" | ").append(r.latency().map(l -> grouped(l.p50Us())).orElse("-"))
                    .append(" | ").append(r.latency().map(l -> grouped(l.p99Us())).orElse("-"))
                    .append(" | ").append(r.latency().map(l -> grouped(l.p999Us())).orElse("-"))
                    .append(" | ").append(r.latency().map(l -> grouped(l.maxUs())).orElse("-"))
                    .append(" | ").append(other(r))
                    .append(" |\n");
        }
        List<Ratio> ratios = Ratio.all(results);
        if (!ratios.isEmpty()) {
            md.append("\n**Strand ÷ peer** (on each workload's headline number)\n\n");
            md.append("| workload | Strand | peer | compared on | ratio | better |\n|---|---|---|---|--:|---|\n");
            for (Ratio ratio : ratios) {
                md.append("| ").append(ratio.strand().workload())
                        .append(" | strand ").append(ratio.strand().mode().name())
                        .append(" | ").append(ratio.peer().system()).append(' ').append(ratio.peer().mode().name())
                        .append(" | ").append(ratio.headline().label())
                        .append(ratio.headline().higherIsBetter() ? " (higher is better)" : " (lower is better)")
                        .append(" | ").append(String.format(Locale.ROOT, "%.2f×", ratio.value()))
                        .append(" | ").append(ratio.strandBetter() ? "strand" : ratio.peer().system())
                        .append(" |\n");
            }
        }
        md.append("\n**Targets** (benchmark issue)\n\n| target | measured | status |\n|---|--:|---|\n");
        for (Target t : Target.issueTargets()) {
            OptionalDouble m = t.measure(results);
            md.append("| ").append(t.text()).append(" | ").append(t.show(m)).append(" | ").append(t.verdict(m))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String other(Result r) {
        if (r.failed()) {
            return "FAILED: " + r.error().orElseThrow().replace('|', '/').replace('\n', ' ');
        }
        return r.extras().entrySet().stream()
                .map((Map.Entry<String, Number> e) -> e.getKey() + "=" + ResultLine.number(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String grouped(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%,.0f", v.getAsDouble()) : "-";
    }

    private static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
