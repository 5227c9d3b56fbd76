package io.strand.benchmarks.load.report;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Strand's headline value divided by a peer's, for one workload: &gt; 1 means Strand is better when
 * higher is better (throughput), &lt; 1 means Strand is better when lower is better (latency, time).
 */
public record Ratio(Result strand, Result peer, Headline headline, double value) {

    public static final String STRAND = "strand";

    /** Every (Strand result, peer result) pair of the same workload where both measured the headline. */
    public static List<Ratio> all(List<Result> results) {
        List<Ratio> ratios = new ArrayList<>();
        for (Result s : results) {
            if (!s.system().equals(STRAND)) {
                continue;
            }
            Headline h = Headline.of(s.workload());
            for (Result p : results) {
                if (p.system().equals(STRAND) || p.workload() != s.workload()) {
                    continue;
                }
                of(s, p, h).ifPresent(v -> ratios.add(new Ratio(s, p, h, v)));
            }
        }
        return ratios;
    }

    static OptionalDouble of(Result strand, Result peer, Headline h) {
        OptionalDouble a = h.valueOf(strand);
        OptionalDouble b = h.valueOf(peer);
        if (a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(a.getAsDouble() / b.getAsDouble());
    }

    /** True when this ratio says Strand did better than the peer. */
    public boolean strandBetter() {
        return headline.higherIsBetter() ? value > 1 : value < 1;
    }
}
