package io.strand.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to publish: a topic, a payload, and optionally a key and headers. The broker assigns the
 * offset and timestamp (see {@link PublishAck} and {@link ReceivedMessage}).
 *
 * <p>Immutable: the byte arrays are copied in and never handed out, so a message may be shared
 * between threads and sent more than once.
 */
public final class Message {

    private final String topic;
    private final byte[] data;
    private final byte[] key;
    private final Map<String, String> headers;

    private Message(String topic, byte[] data, byte[] key, Map<String, String> headers) {
        this.topic = Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic is empty");
        }
        this.data = Objects.requireNonNull(data, "data").clone();
        this.key = key == null ? null : key.clone();
        // No map copied for the common header-less message (a W1 profile showed the copy per send).
        this.headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A message whose payload is the UTF-8 bytes of {@code data}. */
    public static Message of(String topic, String data) {
        return new Message(topic, data.getBytes(StandardCharsets.UTF_8), null, Map.of());
    }

    public static Message of(String topic, byte[] data) {
        return new Message(topic, data, null, Map.of());
    }

    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    public String topic() {
        return topic;
    }

    /** A copy of the payload. */
    public byte[] data() {
        return data.clone();
    }

    /** A copy of the key, if there is one. */
    public Optional<byte[]> key() {
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Bytes this message occupies in a batch: payload, key, headers and a small fixed overhead. */
    int sizeBytes() {
        int size = 16 + data.length + (key == null ? 0 : key.length);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            size += 8 + utf8Length(h.getKey()) + utf8Length(h.getValue());
        }
        return size;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The payload without copying; for the client's own encoders only. */
    byte[] dataUnsafe() {
        return data;
    }

    /** The key without copying, or null; for the client's own encoders only. */
    byte[] keyUnsafe() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && topic.equals(m.topic) && Arrays.equals(data, m.data)
                && Arrays.equals(key, m.key) && headers.equals(m.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(data), Arrays.hashCode(key), headers);
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", " + data.length + " bytes" + (key == null ? "" : ", keyed")
                + (headers.isEmpty() ? "" : ", headers=" + headers) + "}";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String topic;
        private byte[] data = new byte[0];
        private byte[] key;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(String topic) {
            this.topic = topic;
        }

        public Builder data(byte[] data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        public Builder data(String data) {
            return data(data.getBytes(StandardCharsets.UTF_8));
        }

        public Builder key(byte[] key) {
            this.key = key;
            return this;
        }

        public Builder key(String key) {
            return key(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
        }

        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value"));
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        public Message build() {
            return new Message(topic, data, key, headers);
        }
    }
}
