package io.strand.client;

import java.util.OptionalLong;

/**
 * Idempotence state of one topic in one publisher: the producer id its batches carry and the sequence
 * number of its next batch (0, 1, 2, ... per producer id and topic, as the broker expects).
 *
 * <p>Thread rule: only the sender thread that holds the topic's single in-flight batch touches it; the
 * accumulator's lock hands it from one sender thread to the next, which gives the happens-before.
 *
 * <p>A retried batch keeps its sequence, so the broker recognises it. When a batch fails for good its
 * fate may be unknown (a timeout after the broker stored it), so reusing its sequence for different
 * messages could make the broker answer "duplicate" for them; instead the topic switches to a fresh
 * producer id of its own, starting again at sequence 0.
 */
final class TopicSequence {

    private OptionalLong producerId = OptionalLong.empty();
    private boolean needsOwnId;
    private long next;

    /** The producer id to use, asking the broker once when there is none yet. */
    long producerId(Connection connection, SharedProducerId shared) {
        if (producerId.isEmpty()) {
            long id = needsOwnId ? connection.call(c -> c.initProducer()) : shared.get(connection);
            producerId = OptionalLong.of(id);
        }
        return producerId.getAsLong();
    }

    long nextSequence() {
        return next;
    }

    /** The in-flight batch was stored: the next one takes the next number. */
    void acknowledged() {
        next++;
    }

    /** The in-flight batch failed for good: start over with a fresh producer id. */
    void reset() {
        producerId = OptionalLong.empty();
        needsOwnId = true;
        next = 0;
    }
}
