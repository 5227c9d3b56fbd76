package io.strand.storage;

import java.util.Map;
import java.util.Objects;

/**
 * A record to append. The store takes ownership of the arrays: callers must not modify them after
 * passing the record to {@link TopicLog#append}.
 *
 * @param key     optional key; {@code null} when absent
 * @param value   the payload, never null (may be empty)
 * @param headers never null; empty when absent
 */
public record Record(byte[] key, byte[] value, Map<String, String> headers) {
    public Record {
        Objects.requireNonNull(value, "value");
        headers = headers == null ? Map.of() : headers;
    }

    public static Record of(byte[] value) {
        return new Record(null, value, Map.of());
    }

    /** Bytes this record takes in a batch, for size limits and accounting. */
    public int sizeInBytes() {
        int size = 12 + value.length + (key == null ? 0 : key.length);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            size += 8 + h.getKey().length() * 3 + h.getValue().length() * 3;
        }
        return size;
    }
}
