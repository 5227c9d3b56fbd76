package io.strand.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A topic's configuration. Every part is optional; an absent part means the broker's default
 * (keep forever, no size limit, the broker's durability).
 *
 * @param retention      {@code retention.ms}: delete messages older than this
 * @param retentionBytes {@code retention.bytes}: keep at most about this many bytes
 * @param durability     {@code durability}: how durable an acknowledged append is
 */
public record TopicSettings(Optional<Duration> retention, OptionalLong retentionBytes, Optional<Durability> durability) {

    public static final TopicSettings DEFAULTS = new TopicSettings(Optional.empty(), OptionalLong.empty(), Optional.empty());

    public TopicSettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(retentionBytes, "retentionBytes");
        Objects.requireNonNull(durability, "durability");
    }

    public TopicSettings withRetention(Duration retention) {
        return new TopicSettings(Optional.of(retention), retentionBytes, durability);
    }

    public TopicSettings withRetentionBytes(long bytes) {
        return new TopicSettings(retention, OptionalLong.of(bytes), durability);
    }

    public TopicSettings withDurability(Durability durability) {
        return new TopicSettings(retention, retentionBytes, Optional.of(durability));
    }
}
