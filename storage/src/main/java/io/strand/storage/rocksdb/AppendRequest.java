package io.strand.storage.rocksdb;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.ProducerBatch;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;

/**
 * One queued {@code append}: the batch already encoded by the caller ({@link BatchCodec#encode}); the
 * writer stamps its timestamp, gives it its offsets and stages it with its time-index entry and,
 * for idempotent producers, the producer's updated state — all in the group's one WriteBatch.
 */
final class AppendRequest extends WriteRequest {
    final CompletableFuture<AppendResult> future = new CompletableFuture<>();
    private final TopicState topic;
    private final byte[] batch;
    private final int count;
    private final Optional<ProducerBatch> producer;
    private final Durability durability;
    private final StoreMetrics metrics;
    private AppendResult result;

    AppendRequest(TopicState topic, byte[] batch, int count, Optional<ProducerBatch> producer, Durability durability,
                  StoreMetrics metrics) {
        this.topic = topic;
        this.batch = batch;
        this.count = count;
        this.producer = producer;
        this.durability = durability;
        this.metrics = metrics;
    }

    @Override
    long queuedBytes() {
        return batch.length;
    }

    @Override
    int queuedRecords() {
        return count;
    }

    @Override
    Durability durability() {
        return durability;
    }

    @Override
    void stage(GroupCommit group) throws RocksDBException {
        if (topic.isDeleted()) {
            throw new StorageException(StorageError.UNKNOWN_TOPIC, "topic '" + topic.name() + "' was deleted");
        }
        if (producer.isPresent()) {
            Optional<AppendResult> retry = group.producers.check(producer.get().producerId(), topic, producer.get().sequence());
            if (retry.isPresent()) {
                result = retry.get();
                return;
            }
        }
        long timestamp = Math.max(group.clock.millis(), topic.lastTimestamp);
        long base = topic.stagedEnd;
        BatchCodec.seal(batch, timestamp);
        group.put(Cf.LOG, Keys.log(topic.id(), base), batch);
        group.put(Cf.TIMEINDEX, Keys.timeIndex(topic.id(), timestamp, base), TimeIndexEntry.encode(count, batch.length));
        topic.stagedEnd = base + count;
        topic.stagedSize += batch.length;
        topic.lastTimestamp = timestamp;
        group.appended(topic);
        result = new AppendResult(base, count, timestamp, group.reached, false);
        if (producer.isPresent()) {
            group.producers.remember(group, producer.get().producerId(), topic.id(), producer.get().sequence(), result);
        }
    }

    @Override
    void complete(GroupCommit group) {
        if (!result.duplicate()) {
            metrics.appendRecords.mark(count);
            metrics.appendBytes.mark(batch.length);
        }
        metrics.appendLatency.update(System.nanoTime() - enqueuedNanos, TimeUnit.NANOSECONDS);
        future.complete(result);
    }

    @Override
    void fail(Throwable cause) {
        if (future.completeExceptionally(cause)) {
            metrics.appendFailures.mark();
        }
    }
}
