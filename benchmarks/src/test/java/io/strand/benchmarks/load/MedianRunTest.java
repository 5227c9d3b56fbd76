package io.strand.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.benchmarks.load.report.LatencySummary;
import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianRunTest {
    static final Mode FSYNC = new Mode("fsync", "per-ack", "fsync");

    static Result w1(double seconds, int run) {
        return Result.throughput("strand", Workload.W1, FSYNC, 1_000, 100, seconds).withExtra("run", run);
    }

    static Result w3(long p99, int run) {
        return Result.throughput("strand", Workload.W3, FSYNC, 1_000, 100, 1.0)
                .withLatency(new LatencySummary(1_000, 1, p99, p99, p99)).withExtra("run", run);
    }

    @Test
    void eachRowIsTheRunWithTheMedianHeadlineAndShowsTheSpread() {
        List<Result> medians = MedianRun.of(List.of(w1(1.0, 1), w3(900, 1), w1(4.0, 2), w3(100, 2),
                w1(2.0, 3), w3(5_000, 3)));

        assertEquals(2, medians.size());
        Result w1 = medians.get(0);
        assertEquals(3, w1.extra("run").getAsDouble(), 0, "run 3 (500 msgs/s) is the median of 1000, 250, 500");
        assertEquals(250, w1.extra("headline_min").getAsDouble(), 1e-9);
        assertEquals(1000, w1.extra("headline_max").getAsDouble(), 1e-9);
        assertEquals(900, medians.get(1).latency().orElseThrow().p99Us());
    }

    @Test
    void failedRunsAreLeftOutUnlessAllFailed() {
        List<Result> medians = MedianRun.of(List.of(Result.failed("kafka", Workload.W2, FSYNC, "x"),
                w1(2.0, 2), Result.failed("redis", Workload.W7, FSYNC, "y")));

        assertEquals(3, medians.size());
        assertEquals(true, medians.get(0).failed());
        assertEquals(500, medians.get(1).msgsPerSec().getAsDouble(), 1e-9);
    }
}
