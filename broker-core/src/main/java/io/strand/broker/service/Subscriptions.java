package io.strand.broker.service;

import io.strand.api.DeliveryMode;
import io.strand.api.Position;
import io.strand.api.Session;
import io.strand.api.StartKind;
import io.strand.api.Subscriber;
import io.strand.broker.codec.SubscriberCodec;
import io.strand.broker.push.PushDispatchers;
import io.strand.storage.CursorStore;
import io.strand.storage.LogStore;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of subscriptions: creation (with cursor seeding), resumption, sessions, deletion,
 * recovery at start, and keeping each subscription's topic set current as topics come and go.
 *
 * <p>Cursor seeding: when a subscription is created, every existing topic it matches gets a stored
 * cursor at the start position (EARLIEST, LATEST — the default —, OFFSET, TIMESTAMP; an OFFSET outside
 * a topic's log is OFFSET_OUT_OF_RANGE and nothing is created). A matching topic created later has no
 * stored cursor and is read from offset 0 — so nothing published to a brand-new topic before the
 * subscriber's next fetch is lost; the first commit stores its cursor. No cursor write happens inside
 * a store event (listeners must not block).
 *
 * <p>Crash behaviour: the definition is stored before the cursors are seeded; a crash in between
 * leaves topics without cursors, which then read from 0 (more messages, never fewer).
 *
 * <p>Thread-safety: lookups are lock-free; create, resume and delete are serialised on one lock
 * (they are rare and do a handful of store writes). Topic events may run concurrently with creation:
 * a new subscription is registered before its topic set is computed from the directory, and events
 * update the directory before the registered subscriptions, so a topic is seen by at least one side.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final LogStore store;
    private final CursorStore cursors;
    private final TopicDirectory directory;
    private final SessionIds sessionIds;
    private final PushDispatchers push;
    private final ServiceMetrics metrics;
    private final SubscriptionLag lag;
    private final Map<String, SubscriptionState> byName = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();

    Subscriptions(LogStore store, TopicDirectory directory, SessionIds sessionIds, PushDispatchers push,
                  ServiceMetrics metrics, SubscriptionLag lag) {
        this.store = store;
        this.cursors = store.cursors();
        this.directory = directory;
        this.sessionIds = sessionIds;
        this.push = push;
        this.metrics = metrics;
        this.lag = lag;
    }

    /** Loads every stored subscription and starts the push ones. Unreadable definitions are logged and skipped. */
    void recover() {
        synchronized (lifecycle) {
            for (Map.Entry<String, byte[]> stored : cursors.subscriptions().entrySet()) {
                try {
                    Subscriber definition = SubscriberCodec.decode(stored.getValue());
                    register(definition, TopicFilter.parse(SubscriberDefinitions.topic(definition)));
                } catch (RuntimeException e) {
                    log.error("subscription '{}' cannot be recovered and is ignored; unsubscribe it to remove it: {}",
                            stored.getKey(), e.getMessage());
                }
            }
        }
    }

    /** subscribe/openSession: creates or resumes the subscription and opens a session fencing older ones. */
    Session open(Subscriber requested) {
        Subscriber definition = SubscriberDefinitions.validate(requested);
        TopicFilter filter = TopicFilter.parse(SubscriberDefinitions.topic(definition));
        synchronized (lifecycle) {
            SubscriptionState existing = byName.get(definition.getName());
            boolean resumed = existing != null;
            SubscriptionState state = resumed ? resume(existing, definition) : create(definition, filter);
            ActiveSession session = state.openSession();
            return new Session(state.name(), session.id(), resumed, state.topics());
        }
    }

    /** Deletes the subscription, its cursors and its gauges and stops its push delivery. Idempotent. */
    void unsubscribe(String name) {
        SubscriberDefinitions.validateName(name);
        synchronized (lifecycle) {
            byName.remove(name);
            push.stop(name);
            metrics.removeLag(name);
            cursors.deleteSubscription(name);
        }
    }

    SubscriptionState get(String name) {
        if (name == null || name.isEmpty()) {
            throw RequestException.invalid("the subscription name is empty");
        }
        SubscriptionState state = byName.get(name);
        if (state == null) {
            throw RequestException.unknownSubscription(name);
        }
        return state;
    }

    /** Every subscription, by name. */
    List<SubscriptionState> all() {
        List<SubscriptionState> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(SubscriptionState::name));
        return all;
    }

    int count() {
        return byName.size();
    }

    void topicCreated(String topic) {
        for (SubscriptionState state : byName.values()) {
            state.addTopicIfMatches(topic);
        }
    }

    void topicDeleted(String topic) {
        for (SubscriptionState state : byName.values()) {
            state.removeTopic(topic);
        }
    }

    private SubscriptionState create(Subscriber definition, TopicFilter filter) {
        Position start = definition.isSetStart() ? definition.getStart() : new Position(StartKind.LATEST);
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String topic : directory.names()) {
            if (filter.matches(topic)) {
                Optional<TopicLog> found = store.find(topic);
                found.ifPresent(topicLog -> seeds.put(topic, StartPositions.resolve(start, topicLog)));
            }
        }
        cursors.putSubscription(definition.getName(), SubscriberCodec.encode(definition));
        for (Map.Entry<String, Long> seed : seeds.entrySet()) {
            try {
                cursors.seek(definition.getName(), seed.getKey(), seed.getValue());
            } catch (StorageException e) {
                if (e.error() != StorageError.UNKNOWN_TOPIC) {
                    throw e;
                }
            }
        }
        log.info("created subscription '{}' on {} ({} topics now, start {})", definition.getName(), filter.describe(),
                seeds.size(), start.getKind());
        return register(definition, filter);
    }

    private SubscriptionState resume(SubscriptionState existing, Subscriber requested) {
        Optional<Subscriber> updated = SubscriberDefinitions.merge(existing.definition(), requested);
        if (updated.isPresent()) {
            Subscriber definition = updated.get();
            cursors.putSubscription(definition.getName(), SubscriberCodec.encode(definition));
            existing.replaceDefinition(definition);
            startOrStopPush(existing);
            log.info("subscription '{}' resumed with new delivery settings (mode {}, endpoint {})",
                    definition.getName(), SubscriberDefinitions.mode(definition), definition.getPushEndpoint());
        }
        return existing;
    }

    private SubscriptionState register(Subscriber definition, TopicFilter filter) {
        SubscriptionState state = new SubscriptionState(definition, filter, sessionIds);
        byName.put(state.name(), state);
        for (String topic : directory.names()) {
            state.addTopicIfMatches(topic);
        }
        metrics.registerLag(state.name(), () -> lag.totalMessages(state), () -> lag.maxMs(state));
        startOrStopPush(state);
        return state;
    }

    private void startOrStopPush(SubscriptionState state) {
        Subscriber definition = state.definition();
        if (SubscriberDefinitions.mode(definition) == DeliveryMode.PUSH) {
            push.start(definition, state::topics);
        } else {
            push.stop(state.name());
        }
    }
}
