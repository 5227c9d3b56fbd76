package io.strand.broker.service;

import io.strand.api.ErrorCode;
import io.strand.api.Message;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.broker.codec.MessageCodec;
import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.LogStore;
import io.strand.storage.ProducerBatch;
import io.strand.storage.Record;
import io.strand.storage.TopicLog;
import io.strand.storage.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code publish}, {@code publishBatch} and {@code initProducer}.
 *
 * <p>Everything a client can get wrong is checked before the store sees the request: the topic name,
 * the size of each message ({@code max.message.bytes}, measured as {@link Record#sizeInBytes()}), the
 * batch's message count and total size, an empty batch, and producerId/sequence given together. Then
 * the topic is found (or created, when auto-creation is on), the batch appended, and the call waits
 * until the store acknowledges it at the topic's durability. The wait is bounded (the store's
 * append-queue wait plus 30 s); past it the client gets TIMEOUT and should retry idempotently.
 */
final class PublishService {
    private final LogStore store;
    private final ServiceSettings settings;
    private final ServiceMetrics metrics;
    private final Duration appendTimeout;

    PublishService(LogStore store, ServiceSettings settings, ServiceMetrics metrics) {
        this.store = store;
        this.settings = settings;
        this.metrics = metrics;
        this.appendTimeout = store.config().appendQueueWait().plus(Duration.ofSeconds(30));
    }

    void publish(Message message) {
        if (message == null) {
            throw RequestException.invalid("the message is missing");
        }
        String topic = TopicNames.validate(message.getTopic());
        Record record = toCheckedRecord(message);
        append(topic, List.of(record), Optional.empty());
    }

    PublishAck publishBatch(PublishBatchRequest request) {
        if (request == null) {
            throw RequestException.invalid("the publish request is missing");
        }
        String topic = TopicNames.validate(request.getTopic());
        List<Message> messages = request.getMessages();
        if (messages == null || messages.isEmpty()) {
            throw RequestException.invalid("the batch for topic '" + topic + "' has no messages; send at least one");
        }
        if (messages.size() > settings.maxBatchMessages()) {
            throw RequestException.of(ErrorCode.BATCH_TOO_LARGE, "the batch has " + messages.size()
                    + " messages; the broker accepts at most " + settings.maxBatchMessages()
                    + " per publishBatch — split it into smaller batches");
        }
        List<Record> records = new ArrayList<>(messages.size());
        long batchBytes = 0;
        for (Message message : messages) {
            Record record = toCheckedRecord(message);
            batchBytes += record.sizeInBytes();
            // Checked as it grows, so an oversized batch is refused before all of it has been copied.
            if (batchBytes > settings.maxBatchBytes()) {
                throw RequestException.of(ErrorCode.BATCH_TOO_LARGE, "the batch is more than " + settings.maxBatchBytes()
                        + " bytes (its first " + (records.size() + 1) + " of " + messages.size() + " messages are "
                        + batchBytes + " bytes); the broker accepts at most " + settings.maxBatchBytes()
                        + " bytes per publishBatch — split it into smaller batches");
            }
            records.add(record);
        }
        AppendResult result = append(topic, records, producerBatch(request));
        return new PublishAck(topic, result.baseOffset(), result.count(), result.timestamp(),
                toWire(result.durability()), result.duplicate());
    }

    long initProducer() {
        return store.newProducerId();
    }

    private Record toCheckedRecord(Message message) {
        long payload = message == null ? 0 : payloadBytes(message);
        if (payload > settings.maxMessageBytes()) {
            // Refused before MessageCodec copies the payload out of the request buffer.
            throw RequestException.of(ErrorCode.MESSAGE_TOO_LARGE, "a message is at least " + payload
                    + " bytes (its data and key alone); the limit is " + settings.maxMessageBytes()
                    + " bytes (max.message.bytes) — make it smaller or store the payload elsewhere and send a reference");
        }
        Record record;
        try {
            record = MessageCodec.toRecord(message);
        } catch (IllegalArgumentException e) {
            throw RequestException.invalid(e.getMessage());
        }
        int size = record.sizeInBytes();
        if (size > settings.maxMessageBytes()) {
            throw RequestException.of(ErrorCode.MESSAGE_TOO_LARGE, "a message is " + size
                    + " bytes (data, key and headers); the limit is " + settings.maxMessageBytes()
                    + " bytes (max.message.bytes) — make it smaller or store the payload elsewhere and send a reference");
        }
        return record;
    }

    /**
     * Data plus key bytes, never more than {@link Record#sizeInBytes()} of the record they become. Reads
     * the generated fields directly: their {@code bufferFor...} accessors return copies.
     */
    private static long payloadBytes(Message message) {
        return (message.data == null ? 0L : message.data.remaining()) + (message.key == null ? 0L : message.key.remaining());
    }

    private static Optional<ProducerBatch> producerBatch(PublishBatchRequest request) {
        if (request.isSetProducerId() != request.isSetSequence()) {
            throw RequestException.invalid("set both producerId and sequence (idempotent publish) or neither");
        }
        if (!request.isSetProducerId()) {
            return Optional.empty();
        }
        if (request.getProducerId() < 0 || request.getSequence() < 0) {
            throw RequestException.invalid("producerId and sequence must not be negative; get a producerId from"
                    + " initProducer and number batches 0, 1, 2, ... per topic");
        }
        return Optional.of(new ProducerBatch(request.getProducerId(), request.getSequence()));
    }

    private AppendResult append(String topic, List<Record> records, Optional<ProducerBatch> producer) {
        TopicLog log = settings.autoCreateTopics() ? store.getOrCreate(topic)
                : store.find(topic).orElseThrow(() -> RequestException.of(ErrorCode.UNKNOWN_TOPIC, "topic '" + topic
                        + "' does not exist and auto-creation is off; create it with createTopic first"));
        AppendResult result = await(log.append(records, producer));
        metrics.publishBatchSize.update(records.size());
        if (result.duplicate()) {
            metrics.duplicates.mark();
        } else {
            long bytes = 0;
            for (Record record : records) {
                bytes += MessageCodec.payloadBytes(record);
            }
            metrics.messagesIn.mark(records.size());
            metrics.bytesIn.mark(bytes);
        }
        return result;
    }

    private AppendResult await(CompletableFuture<AppendResult> pending) {
        try {
            return pending.get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw RequestException.of(ErrorCode.TIMEOUT, "the store did not acknowledge the append within "
                    + appendTimeout.toSeconds() + " s; it may or may not be stored — retry with the same producerId"
                    + " and sequence to be safe");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.of(ErrorCode.UNAVAILABLE, "the broker is stopping; the append may or may not be"
                    + " stored — retry with the same producerId and sequence to be safe");
        }
    }

    static io.strand.api.Durability toWire(Durability durability) {
        return switch (durability) {
            case WAL -> io.strand.api.Durability.WAL;
            case FSYNC -> io.strand.api.Durability.FSYNC;
        };
    }
}
