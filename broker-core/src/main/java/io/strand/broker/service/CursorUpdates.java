package io.strand.broker.service;

import io.strand.api.Position;
import io.strand.broker.push.PushDispatchers;
import io.strand.storage.CursorStore;
import io.strand.storage.LogStore;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicLog;
import io.strand.storage.TopicNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code commit} and {@code seek}: the two ways a subscription's durable position moves.
 *
 * <p>Commit is cumulative and never moves backwards (a lower offset is accepted and ignored, which
 * makes retries harmless). It checks the session (SESSION_FENCED for a stale one), that the topic
 * exists and is covered by the subscription, and that {@code 0 <= offset <= end}.
 *
 * <p>Seek moves the cursor of one topic — or of every topic the subscription covers when the topic
 * is empty — anywhere; all targets are resolved (and an OFFSET validated) before any cursor moves. It
 * also drops the in-session read positions of the topics it moved, so the next session fetch reads
 * from the new place, and wakes an idle push dispatcher.
 */
final class CursorUpdates {
    private final LogStore store;
    private final CursorStore cursors;
    private final Subscriptions subscriptions;
    private final PushDispatchers push;

    CursorUpdates(LogStore store, Subscriptions subscriptions, PushDispatchers push) {
        this.store = store;
        this.cursors = store.cursors();
        this.subscriptions = subscriptions;
        this.push = push;
    }

    void commit(String subscription, long sessionId, String topic, long offset) {
        SubscriptionState state = subscriptions.get(subscription);
        state.checkSession(sessionId);
        TopicLog log = coveredTopic(state, topic);
        long end = log.endOffset();
        if (offset < 0 || offset > end) {
            throw RequestException.offsetOutOfRange(topic, offset, log.startOffset(), end);
        }
        cursors.commit(subscription, topic, offset);
    }

    void seek(String subscription, String topic, Position position) {
        SubscriptionState state = subscriptions.get(subscription);
        StartPositions.validate(position);
        Map<String, Long> targets = new LinkedHashMap<>();
        if (topic == null || topic.isEmpty()) {
            for (String covered : state.topics()) {
                Optional<TopicLog> log = store.find(covered);
                log.ifPresent(l -> targets.put(covered, StartPositions.resolve(position, l)));
            }
        } else {
            targets.put(topic, StartPositions.resolve(position, coveredTopic(state, topic)));
        }
        state.lock().lock();
        try {
            for (Map.Entry<String, Long> target : targets.entrySet()) {
                seekOne(state, target.getKey(), target.getValue(), topic == null || topic.isEmpty());
            }
        } finally {
            state.lock().unlock();
        }
        push.wake(subscription);
    }

    private void seekOne(SubscriptionState state, String topic, long offset, boolean skipDeleted) {
        try {
            cursors.seek(state.name(), topic, offset);
        } catch (StorageException e) {
            if (!(skipDeleted && e.error() == StorageError.UNKNOWN_TOPIC)) {
                throw e;
            }
        }
        state.currentSession().ifPresent(session -> session.positions().remove(topic));
    }

    private TopicLog coveredTopic(SubscriptionState state, String topic) {
        TopicNames.validate(topic);
        TopicLog log = store.find(topic).orElseThrow(() -> RequestException.unknownTopic(topic));
        if (!state.filter().matches(topic)) {
            throw RequestException.invalid("subscription '" + state.name() + "' covers " + state.filter().describe()
                    + ", not topic '" + topic + "'");
        }
        return log;
    }
}
