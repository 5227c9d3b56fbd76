package io.strand.storage;

/**
 * Identifies a batch of an idempotent producer: a retry of the same (producerId, sequence) on the same
 * topic returns the original {@link AppendResult} instead of appending again. Sequences run 0, 1, 2, ...
 * per (producer, topic); the store remembers the last few of each so a retry of any in-flight batch is
 * recognised, across restarts.
 */
public record ProducerBatch(long producerId, long sequence) {
}
