package io.strand.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in a topic's log: where a new subscription starts, or where {@code seek} moves one.
 * Build with {@link #earliest()}, {@link #latest()}, {@link #offset(long)} or {@link #time(Instant)}.
 *
 * @param kind  which kind of position
 * @param value the offset for {@link Kind#OFFSET}, ms since the epoch for {@link Kind#TIMESTAMP}, else 0
 */
public record StartPosition(Kind kind, long value) {

    public enum Kind {
        /** The oldest message still stored. */
        EARLIEST,
        /** Only messages published from now on. */
        LATEST,
        /** A given offset. */
        OFFSET,
        /** The first message whose timestamp is at or after a given time. */
        TIMESTAMP
    }

    public StartPosition {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.OFFSET && value < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + value);
        }
        if ((kind == Kind.EARLIEST || kind == Kind.LATEST) && value != 0) {
            throw new IllegalArgumentException(kind + " takes no value");
        }
    }

    public static StartPosition earliest() {
        return new StartPosition(Kind.EARLIEST, 0);
    }

    public static StartPosition latest() {
        return new StartPosition(Kind.LATEST, 0);
    }

    public static StartPosition offset(long offset) {
        return new StartPosition(Kind.OFFSET, offset);
    }

    public static StartPosition time(Instant time) {
        return new StartPosition(Kind.TIMESTAMP, time.toEpochMilli());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EARLIEST -> "earliest";
            case LATEST -> "latest";
            case OFFSET -> "offset:" + value;
            case TIMESTAMP -> "time:" + Instant.ofEpochMilli(value);
        };
    }
}
