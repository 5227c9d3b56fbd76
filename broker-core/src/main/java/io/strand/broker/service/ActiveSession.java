package io.strand.broker.service;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current session of a subscription and its in-session read positions (topic → next offset to
 * read), which fetch advances ahead of the committed offsets. Positions live in memory only: a new
 * session, or a broker restart, starts again from the committed offsets (at-least-once).
 *
 * @param adopted  true when the id was not issued by this broker instance but presented by a client
 *                 that opened it before a restart (see {@link SessionIds})
 * @param lastSeen when the session was last opened or presented by a fetch or commit (epoch ms); there
 *                 is no "close session" call, so this is how {@code describeSubscription} tells a
 *                 consumer that is still there from one that left
 */
record ActiveSession(long id, boolean adopted, Map<String, Long> positions, AtomicLong lastSeen) {

    static ActiveSession opened(long id, long nowMillis) {
        return new ActiveSession(id, false, new ConcurrentHashMap<>(), new AtomicLong(nowMillis));
    }

    static ActiveSession adopted(long id, long nowMillis) {
        return new ActiveSession(id, true, new ConcurrentHashMap<>(), new AtomicLong(nowMillis));
    }

    /** Whether the session was seen within {@code window} before {@code nowMillis}. */
    boolean seenWithin(Duration window, long nowMillis) {
        return nowMillis - lastSeen.get() <= window.toMillis();
    }

    OptionalLong position(String topic) {
        Long position = positions.get(topic);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
