package io.strand.storage.rocksdb;

import io.strand.storage.Durability;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The immutable part of a topic, stored under {@code topics/'T' ‖ id}. Value layout (big-endian):
 * {@code version:1 (= 1) ‖ createdAt:8 ‖ retentionMs:8 (-1 = none) ‖ retentionBytes:8 (-1 = none) ‖
 * durability:1 (-1 = store default, else Durability ordinal) ‖ nameLength:2 ‖ name (UTF-8)}.
 */
record TopicMetadata(long id, String name, TopicConfig config, long createdAt) {
    private static final byte VERSION = 1;

    byte[] encode() {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(28 + utf8.length);
        b.put(VERSION).putLong(createdAt);
        b.putLong(config.retention().map(Duration::toMillis).orElse(-1L));
        b.putLong(config.retentionBytes().orElse(-1L));
        b.put((byte) config.durability().map(Enum::ordinal).orElse(-1).intValue());
        b.putShort((short) utf8.length).put(utf8);
        return b.array();
    }

    static TopicMetadata decode(long id, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        byte version = b.get();
        if (version != VERSION) {
            throw new StorageException(StorageError.CORRUPT_RECORD, "metadata of topic id " + id
                    + " has unknown format version " + version + "; was this directory written by a newer Strand?");
        }
        long createdAt = b.getLong();
        long retentionMs = b.getLong();
        long retentionBytes = b.getLong();
        byte durability = b.get();
        byte[] utf8 = new byte[b.getShort() & 0xFFFF];
        b.get(utf8);
        TopicConfig config = new TopicConfig(
                retentionMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(retentionMs)),
                retentionBytes < 0 ? OptionalLong.empty() : OptionalLong.of(retentionBytes),
                durability < 0 ? Optional.empty() : Optional.of(Durability.values()[durability]));
        return new TopicMetadata(id, new String(utf8, StandardCharsets.UTF_8), config, createdAt);
    }
}
