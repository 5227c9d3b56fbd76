package io.strand.benchmarks.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a {@code # ...} progress line at most every two seconds while a workload runs. Used by the
 * workload's driving thread only.
 */
final class Progress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastPrint = startNanos;

    Progress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Cheap enough to call per message: it looks at the clock every 1,024 calls. */
    void update(long done, String what) {
        if ((done & 1023) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint >= INTERVAL_NANOS) {
            lastPrint = now;
            print(done, what, now);
        }
    }

    void print(long done, String what, long now) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        out.printf(Locale.ROOT, "# %s: %,d/%,d %s (%.0f%%), %,.0f msgs/s, %.1f s%n", label, done, total, what,
                100.0 * done / Math.max(1, total), done / secs, secs);
        out.flush();
    }

    void note(String text) {
        out.println("# " + label + ": " + text);
        out.flush();
    }
}
