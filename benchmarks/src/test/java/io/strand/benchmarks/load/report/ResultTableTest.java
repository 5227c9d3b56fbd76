package io.strand.benchmarks.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.Workload;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    static final Mode FSYNC = new Mode("fsync", "per-ack", "fsync before ack");
    static final Mode WAL = new Mode("wal", "none", "page cache");
    static final Mode KAFKA = new Mode("default", "none", "acks=all, no fsync");
    static final Mode REDIS = new Mode("everysec", "every-1s", "AOF everysec");

    static Result rate(String system, Workload w, Mode mode, double msgsPerSec) {
        return Result.throughput(system, w, mode, (long) msgsPerSec, 100, 1.0);
    }

    static Result p99(String system, Workload w, Mode mode, long p99) {
        return Result.throughput(system, w, mode, 1000, 100, 1.0).withLatency(new LatencySummary(1000, 1, p99, p99, p99));
    }

    @Test
    void ratiosAreStrandOverPeerAndSayWhoIsBetterPerDirection() {
        List<Ratio> ratios = Ratio.all(List.of(
                rate("strand", Workload.W1, FSYNC, 900_000), rate("strand", Workload.W1, WAL, 1_800_000),
                rate("kafka", Workload.W1, KAFKA, 1_000_000),
                p99("strand", Workload.W3, FSYNC, 2_000), p99("kafka", Workload.W3, KAFKA, 10_000)));

        assertEquals(3, ratios.size());
        assertEquals(0.9, ratios.get(0).value(), 1e-9);
        assertEquals(false, ratios.get(0).strandBetter());
        assertEquals(1.8, ratios.get(1).value(), 1e-9);
        assertEquals(0.2, ratios.get(2).value(), 1e-9);
        assertTrue(ratios.get(2).strandBetter(), "lower latency is better");
    }

    @Test
    void failedResultsAreLeftOutOfRatios() {
        List<Ratio> ratios = Ratio.all(List.of(rate("strand", Workload.W2, FSYNC, 1000),
                Result.failed("kafka", Workload.W2, KAFKA, "did not start")));

        assertTrue(ratios.isEmpty());
    }

    @Test
    void targetsCompareAgainstTheRightModeAndTheBestPeer() {
        List<Result> results = List.of(
                rate("strand", Workload.W1, FSYNC, 830_000), rate("strand", Workload.W1, WAL, 1_600_000),
                rate("kafka", Workload.W1, KAFKA, 1_000_000),
                rate("strand", Workload.W4, FSYNC, 3_000_000), rate("kafka", Workload.W4, KAFKA, 2_000_000),
                rate("redis", Workload.W4, REDIS, 4_000_000));
        Target w1Fsync = Target.issueTargets().get(0);
        Target w1Wal = Target.issueTargets().get(1);
        Target w4 = Target.issueTargets().get(5);

        OptionalDouble fsyncRatio = w1Fsync.measure(results);
        assertEquals(0.83, fsyncRatio.getAsDouble(), 1e-9);
        assertEquals("missed by 17%", w1Fsync.verdict(fsyncRatio));
        assertEquals("met", w1Wal.verdict(w1Wal.measure(results)));
        assertEquals(0.75, w4.measure(results).getAsDouble(), 1e-9, "against the faster peer, Redis");
        assertEquals("not measured", Target.issueTargets().get(2).verdict(Target.issueTargets().get(2).measure(results)));
    }

    @Test
    void absoluteTargetUsesTheValueItself() {
        Result w7 = Result.throughput("strand", Workload.W7, FSYNC, 10_000_000, 100, 30.0).withExtra("restart_ms", 1500);
        Target restart = Target.issueTargets().get(7);

        OptionalDouble m = restart.measure(List.of(w7));

        assertEquals(1500, m.getAsDouble(), 1e-9);
        assertEquals("met", restart.verdict(m));
        assertEquals("1,500 ms", restart.show(m));
    }

    @Test
    void tableStatesEachSystemsDurabilityAndTheRatios() {
        String md = ResultTable.markdown(List.of(rate("strand", Workload.W1, FSYNC, 900_000),
                rate("kafka", Workload.W1, KAFKA, 1_000_000)));

        assertTrue(md.contains("| W1 publish throughput | strand | fsync | fsync before ack | 900,000 | 900,000 |"), md);
        assertTrue(md.contains("| kafka | default | acks=all, no fsync |"), md);
        assertTrue(md.contains("| W1 | strand fsync | kafka default | msgs/s (higher is better) | 0.90× | kafka |"), md);
        assertTrue(md.contains("| W1 fsync ≥ 1.0× Kafka W1 (Kafka: no fsync) | 0.90× | missed by 10% |"), md);
    }
}
