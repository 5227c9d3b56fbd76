package io.strand.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A topic as the broker describes it.
 *
 * @param name        the topic's name
 * @param startOffset the oldest offset still stored
 * @param endOffset   the offset the next message will get
 * @param sizeBytes   bytes stored
 * @param settings    its configuration (absent parts use the broker's defaults)
 * @param createdAt   when it was created
 */
public record TopicDescription(String name, long startOffset, long endOffset, long sizeBytes, TopicSettings settings,
                               Instant createdAt) {
    public TopicDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Messages stored now. */
    public long messageCount() {
        return endOffset - startOffset;
    }
}
