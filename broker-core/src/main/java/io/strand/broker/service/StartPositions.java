package io.strand.broker.service;

import io.strand.api.Position;
import io.strand.api.StartKind;
import io.strand.storage.TopicLog;

/**
 * Turns a wire {@link Position} into an offset of one topic's log — for the cursors a new
 * subscription gets and for {@code seek}. EARLIEST is the log start, LATEST the end, OFFSET the given
 * offset (which must lie in {@code [start, end]}), TIMESTAMP the first message at or after the time
 * (or the end when there is none).
 */
final class StartPositions {

    private StartPositions() {
    }

    /** Rejects a position that can never resolve (missing kind or value), before anything is written. */
    static Position validate(Position position) {
        if (position == null || position.getKind() == null) {
            throw RequestException.invalid("a position needs a kind: EARLIEST, LATEST, OFFSET or TIMESTAMP");
        }
        StartKind kind = position.getKind();
        if ((kind == StartKind.OFFSET || kind == StartKind.TIMESTAMP) && !position.isSetValue()) {
            throw RequestException.invalid("a " + kind + " position needs a value (" + (kind == StartKind.OFFSET
                    ? "the offset" : "ms since the epoch") + ")");
        }
        return position;
    }

    static long resolve(Position position, TopicLog log) {
        return switch (position.getKind()) {
            case EARLIEST -> log.startOffset();
            case LATEST -> log.endOffset();
            case OFFSET -> checkedOffset(position.getValue(), log);
            case TIMESTAMP -> log.offsetForTimestamp(position.getValue()).orElse(log.endOffset());
        };
    }

    private static long checkedOffset(long offset, TopicLog log) {
        long start = log.startOffset();
        long end = log.endOffset();
        if (offset < start || offset > end) {
            throw RequestException.offsetOutOfRange(log.name(), offset, start, end);
        }
        return offset;
    }
}
