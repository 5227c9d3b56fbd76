package io.strand.storage.rocksdb;

/**
 * The mutable, persisted part of a topic: {@code topics/'S' ‖ id → startOffset:8 ‖ sizeBytes:8}.
 * Written in the same WriteBatch as every change to the topic's log, so it always matches the log.
 * The end offset is not stored here: it is recovered from the last batch in {@code log}
 * (or equals the start offset when retention emptied the log).
 */
final class TopicStates {
    private TopicStates() {
    }

    static byte[] encode(long startOffset, long sizeBytes) {
        byte[] v = new byte[16];
        Keys.putLong(v, 0, startOffset);
        Keys.putLong(v, 8, sizeBytes);
        return v;
    }

    static long startOffset(byte[] value) {
        return Keys.getLong(value, 0);
    }

    static long sizeBytes(byte[] value) {
        return Keys.getLong(value, 8);
    }
}
