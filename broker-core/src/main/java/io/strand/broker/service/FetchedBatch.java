package io.strand.broker.service;

import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.TopicPosition;
import java.util.List;

/** What one read produced: messages (offset order per topic), next offsets per topic read, payload bytes. */
record FetchedBatch(List<Message> messages, List<TopicPosition> nextOffsets, long bytes) {
    static final FetchedBatch EMPTY = new FetchedBatch(List.of(), List.of(), 0);

    boolean isEmpty() {
        return messages.isEmpty();
    }

    FetchResult toResult() {
        return new FetchResult(messages, nextOffsets);
    }
}
