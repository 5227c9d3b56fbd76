package io.strand.storage.rocksdb;

import io.strand.storage.AppendResult;
import io.strand.storage.OffsetOutOfRangeException;
import io.strand.storage.ProducerBatch;
import io.strand.storage.ReadResult;
import io.strand.storage.Record;
import io.strand.storage.StorageConfig;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicInfo;
import io.strand.storage.TopicLog;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A topic's log. Appends are validated and encoded on the calling thread, then queued for the
 * {@link GroupCommitWriter}. Reads run on the calling thread against the topic's published
 * {@link LogBounds} and RocksDB iterators (each with its own implicit snapshot); they never take a lock
 * the writer holds, and never see past the published end offset, so a half-written group is invisible.
 * A cheap handle: the store makes a new one per lookup, all sharing the topic's {@link TopicState}.
 *
 * <p>Append futures complete on the writer thread, in offset order per topic. Dependent stages attached
 * with the non-async {@code CompletableFuture} methods therefore run on the writer and delay every other
 * append: keep them short, or attach them with the {@code *Async} variants.
 */
final class RocksTopicLog implements TopicLog {
    private final TopicState topic;
    private final StoreDb db;
    private final GroupCommitWriter writer;
    private final StorageConfig config;
    private final StoreMetrics metrics;

    RocksTopicLog(TopicState topic, StoreDb db, GroupCommitWriter writer, StorageConfig config, StoreMetrics metrics) {
        this.topic = topic;
        this.db = db;
        this.writer = writer;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return topic.name();
    }

    @Override
    public CompletableFuture<AppendResult> append(List<Record> records, Optional<ProducerBatch> producer) {
        try {
            validate(records, producer);
            AppendRequest request = new AppendRequest(topic,
                    BatchCodec.encodeChunks(records, BatchCodec.MAX_STORED_RECORD_BYTES), records.size(), producer,
                    topic.durability(config.defaultDurability()), metrics);
            writer.enqueue(request, config.appendQueueWait().toNanos());
            return request.future;
        } catch (StorageException e) {
            metrics.appendFailures.mark();
            return CompletableFuture.failedFuture(e);
        }
    }

    private void validate(List<Record> records, Optional<ProducerBatch> producer) {
        if (records == null || records.isEmpty()) {
            throw new StorageException(StorageError.INVALID_REQUEST, "the batch for topic '" + name()
                    + "' has no records; send at least one");
        }
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            if (r == null) {
                throw new StorageException(StorageError.INVALID_REQUEST, "record " + i + " of the batch is null");
            }
            int size = r.sizeInBytes();
            if (size > config.maxRecordBytes()) {
                throw new StorageException(StorageError.RECORD_TOO_LARGE, "record " + i + " is " + size
                        + " bytes; the limit is " + config.maxRecordBytes() + " bytes per record — send a smaller"
                        + " record or raise the broker's maximum record size");
            }
            total += size;
        }
        if (total > config.maxBatchBytes()) {
            throw new StorageException(StorageError.BATCH_TOO_LARGE, "the batch of " + records.size() + " records is "
                    + total + " bytes; the limit is " + config.maxBatchBytes() + " bytes per batch — split it into"
                    + " smaller batches");
        }
        if (producer.isPresent() && (producer.get().sequence() < 0 || producer.get().producerId() < 0)) {
            throw new StorageException(StorageError.INVALID_REQUEST, "producer id and sequence must be >= 0, got "
                    + producer.get());
        }
        checkExists();
    }

    @Override
    public ReadResult read(long offset, int maxRecords, long maxBytes) {
        if (maxRecords <= 0 || maxBytes < 0) {
            throw new StorageException(StorageError.INVALID_REQUEST, "read needs maxRecords > 0 and maxBytes >= 0, got "
                    + maxRecords + " and " + maxBytes);
        }
        checkExists();
        LogBounds bounds = topic.bounds();
        if (offset < bounds.start() || offset > bounds.end()) {
            throw new OffsetOutOfRangeException(name(), offset, bounds.start(), bounds.end());
        }
        if (offset == bounds.end()) {
            return new ReadResult(List.of(), offset);
        }
        db.enterRead();
        try (BoundedIterator bounded = db.iterator(Cf.LOG, Keys.topicStart(topic.id()), Keys.log(topic.id(), bounds.end()))) {
            RocksIterator it = bounded.iterator();
            seekToBatchHolding(it, offset);
            BatchScan scan = new BatchScan(offset, bounds.end(), maxRecords, maxBytes);
            while (!scan.full()) {
                if (!it.isValid() || Keys.getLong(it.key(), 0) != topic.id()) {
                    it.status();
                    throw missing(scan.next());
                }
                long base = Keys.getLong(it.key(), 8);
                byte[] batch = it.value();
                try {
                    if (!scan.add(BatchCodec.open(batch, base))) {
                        throw missing(scan.next());
                    }
                } catch (BatchCodec.CorruptBatchException e) {
                    it.next();
                    throw corrupt(base, it, e);
                }
                it.next();
            }
            metrics.readRecords.mark(scan.records().size());
            return new ReadResult(java.util.Collections.unmodifiableList(scan.records()), scan.next());
        } catch (RocksDBException e) {
            throw StoreDb.readFailure("reading topic '" + name() + "' at offset " + offset, e);
        } finally {
            db.exitRead();
        }
    }

    /**
     * Positions {@code it} on the batch holding {@code offset}. A reader that keeps up asks for the
     * offset right after the last batch it read, which is the key of the next batch: a forward seek
     * finds it exactly. Only an offset inside a batch needs the floor seek, which is the costlier one.
     */
    private void seekToBatchHolding(RocksIterator it, long offset) {
        byte[] key = Keys.log(topic.id(), offset);
        it.seek(key);
        if (!it.isValid() || Keys.getLong(it.key(), 8) != offset) {
            it.seekForPrev(key);
        }
    }

    /** No batch holds the offset we need: retention or deletion got there first, or data is lost. */
    private StorageException missing(long offset) {
        checkExists();
        LogBounds now = topic.bounds();
        if (offset < now.start()) {
            return new OffsetOutOfRangeException(name(), offset, now.start(), now.end());
        }
        return new StorageException(StorageError.CORRUPT_RECORD, "topic '" + name() + "' has no stored batch holding offset "
                + offset + " although its log holds [" + now.start() + ", " + now.end() + ")");
    }

    private StorageException corrupt(long base, RocksIterator next, BatchCodec.CorruptBatchException e) {
        String end = next.isValid() && Keys.getLong(next.key(), 0) == topic.id()
                ? String.valueOf(Keys.getLong(next.key(), 8)) : String.valueOf(topic.bounds().end());
        return new StorageException(StorageError.CORRUPT_RECORD, "the stored batch of topic '" + name() + "' holding offsets ["
                + base + ", " + end + ") is corrupt: " + e.getMessage() + "; read from offset " + end + " to skip it");
    }

    @Override
    public OptionalLong offsetForTimestamp(long timestampMs) {
        checkExists();
        LogBounds bounds = topic.bounds();
        if (bounds.start() == bounds.end()) {
            return OptionalLong.empty();
        }
        db.enterRead();
        try (RocksIterator it = db.iterator(Cf.TIMEINDEX)) {
            it.seek(Keys.timeIndexSeek(topic.id(), Math.max(0, timestampMs)));
            if (it.isValid() && Keys.getLong(it.key(), 0) == topic.id()) {
                long base = Keys.getLong(it.key(), 16);
                if (base < bounds.end()) {
                    return OptionalLong.of(Math.max(base, bounds.start()));
                }
            }
            it.status();
            return OptionalLong.empty();
        } catch (RocksDBException e) {
            throw StoreDb.readFailure("searching the time index of topic '" + name() + "'", e);
        } finally {
            db.exitRead();
        }
    }

    @Override
    public OptionalLong timestampAt(long offset) {
        checkExists();
        LogBounds bounds = topic.bounds();
        if (offset < bounds.start() || offset >= bounds.end()) {
            return OptionalLong.empty();
        }
        db.enterRead();
        try (RocksIterator it = db.iterator(Cf.LOG)) {
            it.seekForPrev(Keys.log(topic.id(), offset));
            if (!it.isValid() || Keys.getLong(it.key(), 0) != topic.id()) {
                it.status();
                return OptionalLong.empty();
            }
            long base = Keys.getLong(it.key(), 8);
            byte[] batch = it.value();
            try {
                BatchCodec.verify(batch);
            } catch (BatchCodec.CorruptBatchException e) {
                it.next();
                throw corrupt(base, it, e);
            }
            return offset < base + BatchCodec.count(batch) ? OptionalLong.of(BatchCodec.timestamp(batch)) : OptionalLong.empty();
        } catch (RocksDBException e) {
            throw StoreDb.readFailure("reading topic '" + name() + "' at offset " + offset, e);
        } finally {
            db.exitRead();
        }
    }

    @Override
    public long startOffset() {
        return topic.bounds().start();
    }

    @Override
    public long endOffset() {
        return topic.bounds().end();
    }

    @Override
    public TopicInfo info() {
        checkExists();
        return topic.info();
    }

    private void checkExists() {
        if (topic.isDeleted()) {
            throw new StorageException(StorageError.UNKNOWN_TOPIC, "topic '" + name() + "' was deleted");
        }
    }
}
