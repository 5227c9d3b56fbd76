package io.strand.storage.rocksdb;

import io.strand.storage.Durability;
import io.strand.storage.TopicInfo;

/**
 * In-memory state of one topic.
 *
 * <p>Two views: the <em>published</em> {@link LogBounds}, a volatile immutable value that readers use
 * and that never runs ahead of what RocksDB holds; and the <em>staged</em> fields, owned by the writer
 * thread alone, which run ahead during a group commit (offsets assigned, not yet written). After a
 * successful write the writer publishes the staged values. If the write fails the store is failed for
 * good, so staged values that never reached disk are never published.
 */
final class TopicState {
    final TopicMetadata metadata;
    private volatile LogBounds bounds;
    private volatile boolean deleted;

    // Writer thread only.
    long stagedStart;
    long stagedEnd;
    long stagedSize;
    long lastTimestamp;
    boolean touchedInGroup;
    boolean appendedInGroup;

    TopicState(TopicMetadata metadata, LogBounds bounds, long lastTimestamp) {
        this.metadata = metadata;
        this.bounds = bounds;
        this.stagedStart = bounds.start();
        this.stagedEnd = bounds.end();
        this.stagedSize = bounds.sizeBytes();
        this.lastTimestamp = lastTimestamp;
    }

    long id() {
        return metadata.id();
    }

    String name() {
        return metadata.name();
    }

    LogBounds bounds() {
        return bounds;
    }

    /** Writer thread: makes the staged values visible to readers. */
    void publish() {
        bounds = new LogBounds(stagedStart, stagedEnd, stagedSize);
    }

    boolean isDeleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }

    /** Undoes {@link #markDeleted} after a delete that never reached disk. */
    void unmarkDeleted() {
        deleted = false;
    }

    Durability durability(Durability storeDefault) {
        return metadata.config().durability().orElse(storeDefault);
    }

    TopicInfo info() {
        LogBounds b = bounds;
        return new TopicInfo(name(), id(), b.start(), b.end(), b.sizeBytes(), metadata.config(), metadata.createdAt());
    }
}
