/**
 * Peer systems the load tool compares Strand with, each in its own sub-package and each driven by its
 * own client library: {@code kafka} (Apache Kafka 4.4.0, single-node KRaft, {@code kafka-clients}) and
 * {@code redis} (Redis 7 Streams from Debian's {@code redis-server}, Jedis).
 *
 * <p>Compiled only by the benchmarks module's {@code peers} Maven profile, against
 * {@code io.strand.benchmarks.load.sut} and the peer clients; loaded by {@code PeerSystems} in a child class
 * loader. Must not use the Strand client or anything of the load tool outside {@code load.sut}.
 */
package io.strand.benchmarks.peers;
