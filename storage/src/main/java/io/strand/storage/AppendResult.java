package io.strand.storage;

/**
 * @param baseOffset offset of the first record of the batch
 * @param count      records in the batch
 * @param timestamp  append time (ms since the epoch) stamped on every record of the batch
 * @param durability how durable the batch was when this result was produced
 * @param duplicate  true when this was an idempotent retry and nothing new was appended
 */
public record AppendResult(long baseOffset, int count, long timestamp, Durability durability, boolean duplicate) {
    /** The offset after the last record of the batch. */
    public long nextOffset() {
        return baseOffset + count;
    }
}
