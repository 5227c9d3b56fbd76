package io.strand.client;

import java.util.OptionalLong;

/**
 * The producer id a publisher's topics share, asked from the broker ({@code initProducer}) once, by
 * whichever sender thread needs it first. Thread-safe.
 */
final class SharedProducerId {

    private OptionalLong id = OptionalLong.empty();

    synchronized long get(Connection connection) {
        if (id.isEmpty()) {
            id = OptionalLong.of(connection.call(c -> c.initProducer()));
        }
        return id.getAsLong();
    }
}
