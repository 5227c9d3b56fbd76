package io.strand.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message as the broker returned it: where it sits in its topic's log ({@link #offset()}),
 * when it was appended ({@link #timestamp()}), and what was published. Immutable; byte arrays are
 * copied out on every access.
 */
public final class ReceivedMessage {

    private final String topic;
    private final long offset;
    private final Instant timestamp;
    private final byte[] data;
    private final byte[] key;
    private final Map<String, String> headers;
    /** Which seek generation of its subscriber delivered it; acks from an older one are ignored. */
    private final long epoch;

    ReceivedMessage(String topic, long offset, Instant timestamp, byte[] data, byte[] key,
                    Map<String, String> headers, long epoch) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.offset = offset;
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.data = Objects.requireNonNull(data, "data");
        this.key = key;
        this.headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.epoch = epoch;
    }

    public String topic() {
        return topic;
    }

    public long offset() {
        return offset;
    }

    /** The broker's append time. */
    public Instant timestamp() {
        return timestamp;
    }

    /** A copy of the payload. */
    public byte[] data() {
        return data.clone();
    }

    /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** A copy of the key, if the publisher set one. */
    public Optional<byte[]> key() {
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    /** The key decoded as UTF-8, if the publisher set one. */
    public Optional<String> keyAsString() {
        return key == null ? Optional.empty() : Optional.of(new String(key, StandardCharsets.UTF_8));
    }

    public Map<String, String> headers() {
        return headers;
    }

    long epoch() {
        return epoch;
    }

    @Override
    public String toString() {
        return "ReceivedMessage{" + topic + "@" + offset + ", " + timestamp + ", " + data.length + " bytes}";
    }
}
