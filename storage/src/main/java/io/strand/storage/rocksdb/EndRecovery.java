package io.strand.storage.rocksdb;

import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * How a topic's end offset is recovered on open — used by {@link TopicCatalog#load} and, to compare
 * with what the batches say, by the offline check.
 *
 * <p>The end is the last batch's base + count, found with one floor seek ({@code seekForPrev}) in
 * {@code log}; an empty log ends at its start offset. If that last batch fails its CRC, its count cannot
 * be trusted, so it is taken from the batch's time-index entry (same base offset), which was written in
 * the same WriteBatch: one corrupt batch then costs the reads of its own offsets (CORRUPT_RECORD naming
 * them), not the whole store. Without such an entry the end cannot be known and recovery fails.
 */
final class EndRecovery {
    private EndRecovery() {
    }

    /**
     * @param end           the offset the next append gets
     * @param lastTimestamp timestamp of the last batch (0 for an empty log), so appends stay non-decreasing
     * @param corruptLast   when the last batch is corrupt: why, and that the time index stood in for it
     */
    record Recovered(long end, long lastTimestamp, Optional<String> corruptLast) {
    }

    /**
     * Recovers the end of topic {@code topicId}, whose persisted start offset is {@code start}, with
     * the given iterators over {@code log} and {@code timeindex} (repositioned here; their status is checked).
     *
     * @throws BatchCodec.CorruptBatchException when the last batch is corrupt and the time index cannot stand in
     */
    static Recovered recover(RocksIterator log, RocksIterator timeIndex, long topicId, long start)
            throws RocksDBException, BatchCodec.CorruptBatchException {
        log.seekForPrev(Keys.log(topicId, Long.MAX_VALUE));
        if (!log.isValid() || Keys.getLong(log.key(), 0) != topicId) {
            log.status();
            return new Recovered(start, 0, Optional.empty());
        }
        long base = Keys.getLong(log.key(), 8);
        byte[] batch = log.value();
        try {
            BatchCodec.verify(batch);
            return new Recovered(Math.max(start, base + BatchCodec.count(batch)), BatchCodec.timestamp(batch), Optional.empty());
        } catch (BatchCodec.CorruptBatchException corrupt) {
            timeIndex.seekForPrev(Keys.timeIndex(topicId, Long.MAX_VALUE, Long.MAX_VALUE));
            if (timeIndex.isValid() && Keys.getLong(timeIndex.key(), 0) == topicId && Keys.getLong(timeIndex.key(), 16) == base) {
                int count = TimeIndexEntry.count(timeIndex.value());
                long end = base + count;
                return new Recovered(Math.max(start, end), Keys.getLong(timeIndex.key(), 8), Optional.of("the last batch,"
                        + " offsets [" + base + ", " + end + "), is corrupt (" + corrupt.getMessage() + "); its record count"
                        + " was taken from the time index"));
            }
            timeIndex.status();
            throw new BatchCodec.CorruptBatchException("the last batch, at offset " + base + ", is corrupt ("
                    + corrupt.getMessage() + ") and the time index has no entry for it, so the end offset cannot be recovered");
        }
    }
}
