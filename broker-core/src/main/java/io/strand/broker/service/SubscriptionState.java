package io.strand.broker.service;

import io.strand.api.ErrorCode;
import io.strand.api.Subscriber;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory side of one subscription: its definition, the topics it covers now, its current
 * session and the lock that serialises reads that advance session positions. The durable side (the
 * definition bytes and committed offsets) lives in the store's cursor store.
 *
 * <p>Thread-safety: the definition is replaced atomically (volatile immutable copy); the topic set is a
 * concurrent set maintained by {@link Subscriptions} from topic events; session changes are CAS'd.
 * {@link #lock()} is held only while reading and advancing positions or seeking — never while waiting.
 */
final class SubscriptionState {
    private final String name;
    private final TopicFilter filter;
    private final SessionIds sessionIds;
    private final NavigableSet<String> topics = new ConcurrentSkipListSet<>();
    private final AtomicReference<ActiveSession> session = new AtomicReference<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Subscriber definition;

    SubscriptionState(Subscriber definition, TopicFilter filter, SessionIds sessionIds) {
        this.name = definition.getName();
        this.definition = definition.deepCopy();
        this.filter = filter;
        this.sessionIds = sessionIds;
    }

    String name() {
        return name;
    }

    /** A copy of the current definition (callers may modify it). */
    Subscriber definition() {
        return definition.deepCopy();
    }

    void replaceDefinition(Subscriber updated) {
        this.definition = updated.deepCopy();
    }

    boolean resetToEarliestWhenTrimmed() {
        return definition.isResetToEarliestWhenTrimmed();
    }

    TopicFilter filter() {
        return filter;
    }

    /** The covered topics now, sorted by name. */
    List<String> topics() {
        return List.copyOf(topics);
    }

    void addTopicIfMatches(String topic) {
        if (filter.matches(topic)) {
            topics.add(topic);
        }
    }

    void removeTopic(String topic) {
        topics.remove(topic);
        ActiveSession current = session.get();
        if (current != null) {
            current.positions().remove(topic);
        }
    }

    /** Where the next round-robin pass over {@code n} topics starts; moves on every call. */
    int nextRoundRobinStart(int n) {
        return n == 0 ? 0 : Math.floorMod(roundRobin.getAndIncrement(), n);
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Opens a new session, fencing the current one. */
    ActiveSession openSession() {
        ActiveSession opened = ActiveSession.opened(sessionIds.next(), sessionIds.nowMillis());
        session.set(opened);
        return opened;
    }

    Optional<ActiveSession> currentSession() {
        return Optional.ofNullable(session.get());
    }

    /**
     * The session a fetch or commit presents. 0 means "no session" (empty result). The current
     * session's id is accepted; an older one is SESSION_FENCED. An id from before a broker restart is
     * adopted when no session has been opened on this broker yet and no newer old id was adopted.
     */
    Optional<ActiveSession> checkSession(long sessionId) {
        if (sessionId == 0) {
            return Optional.empty();
        }
        if (sessionId < 0) {
            throw RequestException.invalid("sessionId must be positive (or 0/absent for no session), not " + sessionId);
        }
        while (true) {
            ActiveSession current = session.get();
            if (current != null && current.id() == sessionId) {
                current.lastSeen().set(sessionIds.nowMillis());
                return Optional.of(current);
            }
            if (!sessionIds.issuedBefore(sessionId)) {
                if (current == null || sessionId > current.id()) {
                    throw RequestException.invalid("session " + sessionId + " was not opened for subscription '"
                            + name + "'; use the sessionId openSession returned");
                }
                throw fenced(sessionId);
            }
            if (current != null && !(current.adopted() && sessionId > current.id())) {
                throw fenced(sessionId);
            }
            ActiveSession adopted = ActiveSession.adopted(sessionId, sessionIds.nowMillis());
            if (session.compareAndSet(current, adopted)) {
                return Optional.of(adopted);
            }
        }
    }

    private RequestException fenced(long sessionId) {
        return RequestException.of(ErrorCode.SESSION_FENCED, "session " + sessionId + " of subscription '" + name
                + "' was fenced: a newer session of the subscription was opened; stop this consumer");
    }
}
