package io.strand.storage;

/**
 * A snapshot of a topic's state.
 *
 * @param startOffset offset of the oldest record still stored (moves forward with retention)
 * @param endOffset   offset the next appended record will get
 * @param sizeBytes   bytes of record batches currently stored (approximate after retention)
 * @param createdAt   ms since the epoch
 */
public record TopicInfo(String name, long id, long startOffset, long endOffset, long sizeBytes,
                        TopicConfig config, long createdAt) {
}
