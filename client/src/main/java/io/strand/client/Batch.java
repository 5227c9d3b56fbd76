package io.strand.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Messages of one topic sent in one {@code publishBatch}, in send order, with the topic's idempotence
 * state. Created by {@link BatchAccumulator}; sent, and completed exactly once, by one sender thread
 * (not thread-safe).
 */
final class Batch {

    private final String topic;
    private final List<PendingMessage> messages;
    private final long bytes;
    private final TopicSequence sequence;
    private final Consumer<Batch> onFinish;
    private boolean finished;

    /**
     * @param onFinish runs once, just before the futures complete — so that by the time a caller sees its
     *                 future done, the batch's buffer bytes are free and its topic may send again
     */
    Batch(String topic, List<PendingMessage> messages, long bytes, TopicSequence sequence, Consumer<Batch> onFinish) {
        this.topic = topic;
        this.messages = List.copyOf(messages);
        this.bytes = bytes;
        this.sequence = sequence;
        this.onFinish = onFinish;
    }

    String topic() {
        return topic;
    }

    int size() {
        return messages.size();
    }

    long bytes() {
        return bytes;
    }

    TopicSequence sequence() {
        return sequence;
    }

    /** When the oldest message was sent; the delivery timeout counts from here. */
    long oldestSentNanos() {
        return messages.get(0).sentNanos();
    }

    List<io.strand.api.Message> wireMessages() {
        List<io.strand.api.Message> wire = new ArrayList<>(messages.size());
        for (PendingMessage m : messages) {
            wire.add(Wire.toWire(m.message()));
        }
        return wire;
    }

    /** Completes every message's future from the broker's batch acknowledgement. */
    void complete(io.strand.api.PublishAck ack) {
        finish();
        Instant timestamp = Instant.ofEpochMilli(ack.getTimestamp());
        Durability durability = Wire.fromWire(ack.getDurability());
        for (int i = 0; i < messages.size(); i++) {
            messages.get(i).future().complete(
                    new PublishAck(topic, ack.getBaseOffset() + i, timestamp, durability, ack.isDuplicate()));
        }
    }

    void fail(Throwable cause) {
        finish();
        for (PendingMessage m : messages) {
            m.future().completeExceptionally(cause);
        }
    }

    boolean isFinished() {
        return finished;
    }

    private void finish() {
        if (finished) {
            throw new IllegalStateException("batch completed twice");
        }
        finished = true;
        onFinish.accept(this);
    }

    void collectFutures(List<java.util.concurrent.CompletableFuture<PublishAck>> into) {
        for (PendingMessage m : messages) {
            into.add(m.future());
        }
    }
}
