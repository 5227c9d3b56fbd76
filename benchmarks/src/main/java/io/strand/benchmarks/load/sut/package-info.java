/**
 * The contract between the load tool and a system it measures: {@link io.strand.benchmarks.load.sut.SystemUnderTest}
 * (start and stop a server on loopback, create topics, publish, tail, replay, probe), the
 * {@link io.strand.benchmarks.load.sut.Workload} ids and durability {@link io.strand.benchmarks.load.sut.Mode}s,
 * and the process plumbing every adapter shares ({@link io.strand.benchmarks.load.sut.ServerProcess},
 * {@link io.strand.benchmarks.load.sut.Command}, {@link io.strand.benchmarks.load.sut.LoopbackPorts}).
 *
 * <p>Adapters for peers (Kafka, Redis) are compiled against this package only, in a separate class
 * loader (see {@code io.strand.benchmarks.load.PeerSystems}), so it must not depend on the rest of
 * the load tool, on the Strand client, or on any peer's library.
 *
 * <p>Process rule: the tool only ever stops processes it started itself, through their
 * {@link java.lang.Process} handle (its PID); a JVM shutdown hook stops any still running.
 */
package io.strand.benchmarks.load.sut;
