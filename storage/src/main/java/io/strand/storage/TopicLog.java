package io.strand.storage;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One topic's log: records at dense offsets from 0, never reused, each stamped with its append time.
 * Retention only ever removes a prefix, moving {@link #startOffset()} forward; the offsets of what
 * remains never change.
 *
 * <p>Thread-safety: all methods are safe from any thread. Reads never wait for the writer.
 */
public interface TopicLog {

    String name();

    /**
     * Queues a batch for the writer and returns a future completed once the batch is stored and as
     * durable as the topic's durability says. The batch is atomic: all its records or none.
     * Validation failures (empty batch, record or batch too large) complete the future exceptionally
     * at once with a {@link StorageException}.
     *
     * @param producer empty for a plain append; present for an idempotent one (see {@link ProducerBatch})
     */
    CompletableFuture<AppendResult> append(List<Record> records, Optional<ProducerBatch> producer);

    default CompletableFuture<AppendResult> append(List<Record> records) {
        return append(records, Optional.empty());
    }

    /**
     * Reads records from {@code offset}: at most {@code maxRecords}, and at most {@code maxBytes} of
     * record payloads — except that the first record is always returned whole, so a large record can
     * never block a reader. Reading at {@link #endOffset()} returns no records.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is below the start or above the end
     * @throws StorageException          CORRUPT_RECORD if a stored batch fails its checksum
     */
    ReadResult read(long offset, int maxRecords, long maxBytes);

    /** The offset of the first record whose timestamp is {@code >= timestampMs}; empty if none is. */
    OptionalLong offsetForTimestamp(long timestampMs);

    /** Timestamp of the record at {@code offset}, if it is still stored. */
    OptionalLong timestampAt(long offset);

    long startOffset();

    /** The offset the next record will get. */
    long endOffset();

    TopicInfo info();
}
