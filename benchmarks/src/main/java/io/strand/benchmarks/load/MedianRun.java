package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Headline;
import io.strand.benchmarks.load.report.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * With {@code --repeat N}: one row per (system, workload, mode) — the run whose headline number is the
 * median (the lower middle for an even count), so every number in a row comes from the same run —
 * with {@code headline_min} and {@code headline_max} added to show the spread. Failed runs count only
 * when every run failed.
 */
final class MedianRun {
    private MedianRun() {
    }

    static List<Result> of(List<Result> results) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(r.system() + " " + r.workload() + " " + r.mode().name(), k -> new ArrayList<>()).add(r);
        }
        List<Result> medians = new ArrayList<>();
        for (List<Result> runs : groups.values()) {
            Headline h = Headline.of(runs.get(0).workload());
            List<Result> measured = runs.stream().filter(r -> h.valueOf(r).isPresent())
                    .sorted(Comparator.comparingDouble(r -> h.valueOf(r).getAsDouble())).toList();
            if (measured.isEmpty()) {
                medians.add(runs.get(runs.size() - 1));
                continue;
            }
            Result median = measured.get((measured.size() - 1) / 2);
            OptionalDouble min = h.valueOf(measured.get(0));
            OptionalDouble max = h.valueOf(measured.get(measured.size() - 1));
            medians.add(median.withExtra("headline_min", min.getAsDouble()).withExtra("headline_max", max.getAsDouble())
                    .withExtra("runs", measured.size()));
        }
        return medians;
    }
}
