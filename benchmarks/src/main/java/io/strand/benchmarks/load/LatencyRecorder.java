package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.LatencySummary;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram of end-to-end latencies in microseconds (1 µs to 10 min, 3 significant digits),
 * each recorded as receive time minus the message's <em>intended</em> send time.
 *
 * <p>Thread rule: one writer thread (the tail's delivery thread); read or merge only after that thread
 * has ended (a {@link io.strand.benchmarks.load.sut.Tail#close()} happens-before the read).
 */
final class LatencyRecorder {
    private static final long MAX_US = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new Histogram(MAX_US, 3);

    void record(long intendedNanos, long receivedNanos) {
        long us = Math.max(0, (receivedNanos - intendedNanos) / 1_000);
        histogram.recordValue(Math.min(us, MAX_US));
    }

    long count() {
        return histogram.getTotalCount();
    }

    LatencySummary summary() {
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    static LatencySummary merged(List<LatencyRecorder> recorders) {
        LatencyRecorder all = new LatencyRecorder();
        for (LatencyRecorder r : recorders) {
            all.histogram.add(r.histogram);
        }
        return all.summary();
    }
}
