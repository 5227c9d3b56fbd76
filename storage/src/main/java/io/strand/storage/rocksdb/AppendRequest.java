package io.strand.storage.rocksdb;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.ProducerBatch;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;

/**
 * One queued {@code append}: the batch already encoded by the caller, as one or more stored batches
 * ({@link BatchCodec#encodeChunks}); the writer stamps their timestamp, gives them consecutive offsets
 * and stages each with its time-index entry and, for idempotent producers, the producer's updated
 * state — all in the group's one WriteBatch, so the append is stored whole or not at all.
 */
final class AppendRequest extends WriteRequest {
    final CompletableFuture<AppendResult> future = new CompletableFuture<>();
    private final TopicState topic;
    private final List<BatchCodec.Chunk> chunks;
    private final int count;
    private final long bytes;
    private final Optional<ProducerBatch> producer;
    private final Durability durability;
    private final StoreMetrics metrics;
    private AppendResult result;

    AppendRequest(TopicState topic, List<BatchCodec.Chunk> chunks, int count, Optional<ProducerBatch> producer,
                  Durability durability, StoreMetrics metrics) {
        this.topic = topic;
        this.chunks = List.copyOf(chunks);
        this.count = count;
        long total = 0;
        for (BatchCodec.Chunk c : chunks) {
            total += c.bytes().length;
        }
        this.bytes = total;
        this.producer = producer;
        this.durability = durability;
        this.metrics = metrics;
    }

    @Override
    long queuedBytes() {
        return bytes;
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
        long at = base;
        for (BatchCodec.Chunk chunk : chunks) {
            byte[] stored = chunk.bytes();
            BatchCodec.seal(stored, timestamp);
            group.put(Cf.LOG, Keys.log(topic.id(), at), stored);
            group.put(Cf.TIMEINDEX, Keys.timeIndex(topic.id(), timestamp, at), TimeIndexEntry.encode(chunk.count(), stored.length));
            at += chunk.count();
        }
        topic.stagedEnd = base + count;
        topic.stagedSize += bytes;
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
            metrics.appendBytes.mark(bytes);
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
