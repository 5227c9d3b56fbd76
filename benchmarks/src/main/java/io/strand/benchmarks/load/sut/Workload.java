package io.strand.benchmarks.load.sut;

import java.util.Locale;

/** The load tool's workloads, as numbered in the benchmark issue. */
public enum Workload {
    W1("publish throughput", false),
    W2("publish, fsync per ack", false),
    W3("end-to-end latency", false),
    W4("catch-up replay", false),
    W5("fan-out", false),
    W6("many topics", true),
    W7("restart", true);

    private final String title;
    private final boolean isolated;

    Workload(String title, boolean isolated) {
        this.title = title;
        this.isolated = isolated;
    }

    public String title() {
        return title;
    }

    /**
     * True when the workload needs a fresh server and data directory of its own: W6 reports the size
     * on disk of exactly its own data, W7 restarts the server.
     */
    public boolean isolated() {
        return isolated;
    }

    /** Parses {@code W3} or {@code w3}. */
    public static Workload parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown workload '" + text + "': expected W1..W7");
        }
    }
}
