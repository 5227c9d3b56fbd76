package io.strand.client;

import java.time.Duration;

/**
 * A subscription's position on one topic.
 *
 * @param topic           the topic
 * @param committedOffset everything below it is acknowledged
 * @param endOffset       the topic's end
 * @param lagMessages     messages not yet committed
 * @param lag             age of the oldest uncommitted message; zero when caught up
 */
public record CursorDescription(String topic, long committedOffset, long endOffset, long lagMessages, Duration lag) {
}
