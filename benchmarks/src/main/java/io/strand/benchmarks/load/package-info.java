/**
 * The end-to-end load tool ({@code ./strand bench}): {@link io.strand.benchmarks.load.BenchMain} parses the
 * command line, {@link io.strand.benchmarks.load.SessionPlan} groups the chosen workloads into server
 * sessions per system and durability mode, {@link io.strand.benchmarks.load.BenchRunner} runs them, and
 * one class per kind of workload measures it ({@link io.strand.benchmarks.load.PublishThroughput},
 * {@link io.strand.benchmarks.load.Replay}, {@link io.strand.benchmarks.load.FixedRateLatency},
 * {@link io.strand.benchmarks.load.ManyTopics}, {@link io.strand.benchmarks.load.Restart}).
 *
 * <p>Measurement rules kept here: latency is recorded against the <em>intended</em> send time of a
 * fixed-rate schedule carried in each payload ({@link io.strand.benchmarks.load.FixedRateSchedule},
 * {@link io.strand.benchmarks.load.LatencyRecorder}), so a stalled system is charged for every message it
 * delayed (no coordinated omission); every loop is bounded in count and in time; the publisher, the
 * subscribers and the clock all live in this one JVM, so {@link System#nanoTime()} is comparable.
 *
 * <p>This package reaches systems only through {@code load.sut}; it must not import a system's client
 * (Strand's lives in {@code load.strand}, peers' in the separately compiled {@code peers} sources).
 */
package io.strand.benchmarks.load;
