package io.strand.broker.push;

import io.strand.storage.LogStore;
import io.strand.storage.Record;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes batches that could not be delivered to a subscription's dead-letter topic
 * {@code __dlq.<subscription>} — an ordinary topic (created on first use with default settings), so it
 * can be inspected, replayed or subscribed to like any other. The leading {@code __} keeps it out of
 * subscriptions to "every topic".
 *
 * <p>Each dead-lettered message keeps its data, key and headers and gains headers saying where it came
 * from: {@value #ORIGINAL_TOPIC}, {@value #ORIGINAL_OFFSET}, {@value #ORIGINAL_TIMESTAMP} and
 * {@value #DELIVERIES} (failed attempts). The append is as durable as the dead-letter topic's
 * durability before the dispatcher commits past the batch, so a crash in between redelivers rather
 * than loses.
 */
final class DeadLetters {
    static final String PREFIX = "__dlq.";
    static final String ORIGINAL_TOPIC = "strand.original.topic";
    static final String ORIGINAL_OFFSET = "strand.original.offset";
    static final String ORIGINAL_TIMESTAMP = "strand.original.timestamp";
    static final String DELIVERIES = "strand.deliveries";

    private final LogStore store;
    private final Duration appendTimeout;

    DeadLetters(LogStore store, Duration appendTimeout) {
        this.store = store;
        this.appendTimeout = appendTimeout;
    }

    static String topicFor(String subscription) {
        return PREFIX + subscription;
    }

    /**
     * Appends the batch and waits until it is stored. Throws whatever the store throws. A push batch can
     * be as large as the store's batch limit before the origin headers are added, so the records are
     * appended in chunks that each fit that limit (in order; a crash between chunks redelivers the batch,
     * which may dead-letter its first chunk twice — at-least-once, like every delivery).
     */
    void append(String subscription, String topic, List<StoredRecord> batch, int attempts)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicLog deadLetterLog = store.getOrCreate(topicFor(subscription));
        long limit = store.config().maxBatchBytes();
        List<Record> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (StoredRecord stored : batch) {
            Record record = withOrigin(stored, topic, attempts);
            if (!chunk.isEmpty() && chunkBytes + record.sizeInBytes() > limit) {
                appendAndWait(deadLetterLog, chunk);
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(record);
            chunkBytes += record.sizeInBytes();
        }
        if (!chunk.isEmpty()) {
            appendAndWait(deadLetterLog, chunk);
        }
    }

    private static Record withOrigin(StoredRecord stored, String topic, int attempts) {
        Map<String, String> headers = new HashMap<>(stored.headers());
        headers.put(ORIGINAL_TOPIC, topic);
        headers.put(ORIGINAL_OFFSET, Long.toString(stored.offset()));
        headers.put(ORIGINAL_TIMESTAMP, Long.toString(stored.timestamp()));
        headers.put(DELIVERIES, Integer.toString(attempts));
        return new Record(stored.key(), stored.value(), headers);
    }

    private void appendAndWait(TopicLog log, List<Record> records)
            throws InterruptedException, ExecutionException, TimeoutException {
        log.append(records).get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
