package io.strand.storage.rocksdb;

import io.strand.storage.TopicConfig;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Retention as a writer task, so it is serialized with appends and cannot race them on start/end
 * offsets. For each topic it walks the time index from the head (oldest first: timestamps never
 * decrease within a topic), dropping whole batches while the batch is older than {@code retention} or
 * the log is larger than {@code retentionBytes}, then stages one range delete on {@code log} and one on
 * {@code timeindex} plus the new start offset and size. It reads only the small time-index entries,
 * never the batches. Time retention may empty a topic: then start = end and offsets go on from there.
 */
final class Retention {
    private Retention() {
    }

    static WriterTask<Integer> task(TopicCatalog catalog, StoreMetrics metrics) {
        return group -> {
            int deleted = 0;
            long now = group.clock.millis();
            for (TopicState topic : catalog.snapshot()) {
                if (!topic.isDeleted()) {
                    deleted += trim(group, topic, now);
                }
            }
            int total = deleted;
            return () -> {
                metrics.retentionDeletedBatches.inc(total);
                return total;
            };
        };
    }

    private static int trim(GroupCommit group, TopicState topic, long now) throws RocksDBException {
        TopicConfig config = topic.metadata.config();
        long cutoff = config.retention().map(r -> now - r.toMillis()).orElse(Long.MIN_VALUE);
        long maxBytes = config.retentionBytes().orElse(Long.MAX_VALUE);
        if (cutoff == Long.MIN_VALUE && topic.stagedSize <= maxBytes) {
            return 0;
        }
        long id = topic.id();
        long size = topic.stagedSize;
        long newStart = topic.stagedStart;
        long lastTimestamp = 0;
        long lastBase = 0;
        int batches = 0;
        try (RocksIterator it = group.db.iterator(Cf.TIMEINDEX)) {
            for (it.seek(Keys.topicStart(id)); it.isValid() && Keys.getLong(it.key(), 0) == id; it.next()) {
                byte[] key = it.key();
                long timestamp = Keys.getLong(key, 8);
                if (timestamp >= cutoff && size <= maxBytes) {
                    break;
                }
                byte[] value = it.value();
                lastTimestamp = timestamp;
                lastBase = Keys.getLong(key, 16);
                size -= TimeIndexEntry.batchBytes(value);
                newStart = lastBase + TimeIndexEntry.count(value);
                batches++;
            }
            it.status();
        }
        if (batches == 0) {
            return 0;
        }
        // Exclusive ends just past the last deleted batch: batches staged earlier in this group (not yet
        // visible to the iterator) sort after them and must survive.
        group.deleteRange(Cf.LOG, Keys.topicStart(id), Keys.log(id, newStart));
        group.deleteRange(Cf.TIMEINDEX, Keys.topicStart(id), Keys.timeIndex(id, lastTimestamp, lastBase + 1));
        topic.stagedStart = newStart;
        topic.stagedSize = Math.max(0, size);
        group.touch(topic);
        return batches;
    }
}
