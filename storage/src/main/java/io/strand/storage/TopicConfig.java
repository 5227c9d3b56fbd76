package io.strand.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-topic settings, stored with the topic.
 *
 * @param retention      delete batches whose append time is older than this; empty = keep forever
 * @param retentionBytes trim the head while the log is larger than this; empty = no limit
 * @param durability     empty = the store's default ({@link StorageConfig#defaultDurability()})
 */
public record TopicConfig(Optional<Duration> retention, OptionalLong retentionBytes, Optional<Durability> durability) {
    public static final TopicConfig DEFAULTS = new TopicConfig(Optional.empty(), OptionalLong.empty(), Optional.empty());

    public TopicConfig {
        retention.ifPresent(r -> {
            if (r.isNegative() || r.isZero()) {
                throw new StorageException(StorageError.INVALID_REQUEST, "retention.ms must be > 0, got " + r.toMillis());
            }
        });
        if (retentionBytes.isPresent() && retentionBytes.getAsLong() <= 0) {
            throw new StorageException(StorageError.INVALID_REQUEST, "retention.bytes must be > 0, got " + retentionBytes.getAsLong());
        }
    }
}
