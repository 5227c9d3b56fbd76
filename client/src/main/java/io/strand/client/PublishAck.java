package io.strand.client;

import java.time.Instant;
import java.util.Objects;

/**
 * The broker's acknowledgement of one published message.
 *
 * @param topic      the topic it was appended to
 * @param offset     its offset in that topic's log
 * @param timestamp  the broker's append time (shared by every message of the same batch)
 * @param durability how durable it was when acknowledged
 * @param duplicate  true when the broker had already stored it (a retry after a lost acknowledgement);
 *                   the offset is then the original one and nothing was appended twice
 */
public record PublishAck(String topic, long offset, Instant timestamp, Durability durability, boolean duplicate) {
    public PublishAck {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(durability, "durability");
    }
}
