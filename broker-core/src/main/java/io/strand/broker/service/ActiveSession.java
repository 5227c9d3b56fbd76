package io.strand.broker.service;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current session of a subscription and its in-session read positions (topic → next offset to
 * read), which fetch advances ahead of the committed offsets. Positions live in memory only: a new
 * session, or a broker restart, starts again from the committed offsets (at-least-once).
 *
 * @param adopted true when the id was not issued by this broker instance but presented by a client
 *                that opened it before a restart (see {@link SessionIds})
 */
record ActiveSession(long id, boolean adopted, Map<String, Long> positions) {

    static ActiveSession opened(long id) {
        return new ActiveSession(id, false, new ConcurrentHashMap<>());
    }

    static ActiveSession adopted(long id) {
        return new ActiveSession(id, true, new ConcurrentHashMap<>());
    }

    OptionalLong position(String topic) {
        Long position = positions.get(topic);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
