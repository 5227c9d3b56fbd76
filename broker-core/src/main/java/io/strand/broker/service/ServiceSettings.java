package io.strand.broker.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings the request-handling layer needs, already parsed and validated by the broker's config
 * (see {@code io.strand.broker.config}). Immutable; shared by every handler thread.
 *
 * @param maxMessageBytes      largest message (data + key + headers) accepted by publish
 * @param maxBatchMessages     most messages in one publishBatch
 * @param maxBatchBytes        most bytes in one publishBatch
 * @param autoCreateTopics     whether publishing to an unknown topic creates it
 * @param fetchMaxWait         cap on a fetch's maxWaitMs
 * @param fetchMaxMessages     cap on a fetch's maxMessages
 * @param fetchMaxBytes        cap on a fetch's maxBytes
 * @param pushMaxDeliveries    failed deliveries of one push batch before it is dead-lettered (default per subscription)
 * @param pushBatchMessages    most messages in one Consumer.consume call
 * @param pushTimeout          connect + consume timeout of one push delivery
 * @param pushBackoffInitial   first retry delay after a failed push
 * @param pushBackoffMax       cap of the exponential retry delay
 */
public record ServiceSettings(int maxMessageBytes, int maxBatchMessages, int maxBatchBytes, boolean autoCreateTopics,
                              Duration fetchMaxWait, int fetchMaxMessages, int fetchMaxBytes,
                              int pushMaxDeliveries, int pushBatchMessages, Duration pushTimeout,
                              Duration pushBackoffInitial, Duration pushBackoffMax) {

    public ServiceSettings {
        Objects.requireNonNull(fetchMaxWait);
        Objects.requireNonNull(pushTimeout);
        Objects.requireNonNull(pushBackoffInitial);
        Objects.requireNonNull(pushBackoffMax);
    }

    /** The defaults the README documents. */
    public static ServiceSettings defaults() {
        return new ServiceSettings(1 << 20, 10_000, 16 << 20, true,
                Duration.ofSeconds(30), 10_000, 16 << 20,
                10, 500, Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofSeconds(30));
    }
}
