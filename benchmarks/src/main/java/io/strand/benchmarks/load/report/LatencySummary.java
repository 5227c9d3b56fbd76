package io.strand.benchmarks.load.report;

/**
 * Latency percentiles in microseconds, from an HdrHistogram that recorded each message against its
 * intended send time (so it is corrected for coordinated omission).
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(long count, long p50Us, long p99Us, long p999Us, long maxUs) {
}
