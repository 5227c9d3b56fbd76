package io.strand.client;

import java.util.List;

/**
 * The result of a stateless read ({@link Admin#read}).
 *
 * @param messages   in offset order; empty at the end of the log
 * @param nextOffset where the next read should start
 */
public record TopicRead(List<ReceivedMessage> messages, long nextOffset) {
    public TopicRead {
        messages = List.copyOf(messages);
    }
}
