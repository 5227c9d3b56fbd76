/**
 * Apache Kafka as a peer: {@link io.strand.benchmarks.peers.kafka.KafkaSystem} runs a single-node KRaft
 * broker+controller as a separate JVM from Maven Central's {@code kafka_2.13} artifacts, and drives it with
 * {@code kafka-clients}' producer and consumers. Tuning choices are documented on each class.
 */
package io.strand.benchmarks.peers.kafka;
