package io.strand.client;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A subscription as the broker describes it.
 *
 * @param name                the subscription's name
 * @param topic               the topic name or pattern it covers; empty = every topic
 * @param push                true for a push subscription
 * @param pushEndpoint        push only: {@code host:port} the broker delivers to
 * @param cursors             one per topic it covers
 * @param sessionActive       whether a consumer holds the session: it fetched, committed or opened it within the
 *                            last 2 × the broker's fetch.max.wait.ms + 1 s, at least the last 60 s
 * @param consecutiveFailures push only: failed deliveries in a row
 * @param deadLettered        push only: messages moved to the dead-letter topic
 * @param deadLetterTopic     push only: where they went
 */
public record SubscriptionDescription(String name, Optional<String> topic, boolean push, Optional<String> pushEndpoint,
                                      List<CursorDescription> cursors, boolean sessionActive,
                                      OptionalInt consecutiveFailures, OptionalLong deadLettered,
                                      Optional<String> deadLetterTopic) {
    public SubscriptionDescription {
        cursors = List.copyOf(cursors);
    }

    /** Uncommitted messages over all its topics. */
    public long totalLag() {
        return cursors.stream().mapToLong(CursorDescription::lagMessages).sum();
    }
}
