package io.strand.benchmarks.load.report;

import io.strand.benchmarks.load.sut.Workload;
import java.util.OptionalDouble;

/**
 * The one number a workload is compared on, and which way is better. W5 is compared on p99 (its
 * delivered rate is fixed by the publisher's schedule and shown in the table).
 */
public enum Headline {
    THROUGHPUT("msgs/s", true),
    P99("p99 µs", false),
    SECONDS("seconds", false),
    RESTART_MS("restart ms", false);

    private final String label;
    private final boolean higherIsBetter;

    Headline(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public static Headline of(Workload workload) {
        return switch (workload) {
            case W1, W2, W4 -> THROUGHPUT;
            case W3, W5 -> P99;
            case W6 -> SECONDS;
            case W7 -> RESTART_MS;
        };
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The headline value of {@code r}, empty when it failed or did not measure it. */
    public OptionalDouble valueOf(Result r) {
        if (r.failed()) {
            return OptionalDouble.empty();
        }
        return switch (this) {
            case THROUGHPUT -> r.msgsPerSec();
            case P99 -> r.latency().map(l -> OptionalDouble.of(l.p99Us())).orElse(OptionalDouble.empty());
            case SECONDS -> r.extra("seconds");
            case RESTART_MS -> r.extra("restart_ms");
        };
    }
}
