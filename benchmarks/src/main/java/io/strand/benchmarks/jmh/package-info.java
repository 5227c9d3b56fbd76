/**
 * JMH micro-benchmarks of Strand's hot paths, in-process, so a regression the load tool shows can be
 * located: storage append ({@link io.strand.benchmarks.jmh.StorageAppendBenchmark}) and sequential read
 * ({@link io.strand.benchmarks.jmh.StorageReadBenchmark}), Thrift encode/decode of a 1,000-message batch
 * ({@link io.strand.benchmarks.jmh.ThriftCodecBenchmark}), and the broker's fetch handler
 * ({@link io.strand.benchmarks.jmh.FetchPathBenchmark}).
 *
 * <p>Run with {@code benchmarks/run-jmh.sh [JMH options]} (class path run of {@code org.openjdk.jmh.Main};
 * the annotation processor writes the benchmark list at compile time). Stores live in temporary
 * directories under {@code java.io.tmpdir}, deleted at tear-down. Nothing here is run by the build.
 */
package io.strand.benchmarks.jmh;
