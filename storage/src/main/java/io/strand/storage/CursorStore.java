package io.strand.storage;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Durable subscriptions: each has an opaque definition (the broker's serialized subscriber; the store
 * does not interpret it) and one committed offset per topic.
 *
 * <p>Writes are as durable as the store's default durability when the method returns. Cursors of a
 * deleted topic are deleted with it.
 */
public interface CursorStore {

    /** Creates or replaces the subscription's definition, leaving its cursors alone. */
    void putSubscription(String name, byte[] definition);

    Optional<byte[]> subscription(String name);

    /** All subscriptions: name → definition. */
    Map<String, byte[]> subscriptions();

    /** Deletes the subscription and all its cursors. Returns false if it did not exist. */
    boolean deleteSubscription(String name);

    /** The committed offset of {@code subscription} on {@code topic}, if it has one. */
    OptionalLong committed(String subscription, String topic);

    /** topic → committed offset, for every cursor of the subscription. */
    Map<String, Long> cursors(String subscription);

    /**
     * Cumulative ack: moves the cursor to {@code offset} if that is ahead of where it is (or creates
     * it). Never moves a cursor backwards; returns true when it moved. Fails with UNKNOWN_TOPIC or
     * UNKNOWN_SUBSCRIPTION; OFFSET_OUT_OF_RANGE when {@code offset} is beyond the topic's end.
     */
    boolean commit(String subscription, String topic, long offset);

    /** Sets the cursor to {@code offset}, forwards or backwards (replay). Same failures as commit. */
    void seek(String subscription, String topic, long offset);

    /**
     * Moves the cursor to {@code offset} only if it is still at {@code expected} (or has no value yet),
     * decided atomically with other cursor writes; returns true when it moved. A delivery that read from
     * {@code expected} commits with this, so a {@link #seek} made while the delivery was in flight wins
     * instead of being overwritten. Same failures as commit.
     */
    boolean commitIfAt(String subscription, String topic, long expected, long offset);
}
