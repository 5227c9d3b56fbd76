package io.strand.broker.waiters;

import io.strand.storage.LogListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiters keyed by topic, woken by the store's events.
 *
 * <p>Index: topic → the set of waiters parked on it; a waiter registered on n topics sits in n sets,
 * and waiters that also want to hear of new topics sit under {@link #ANY_NEW_TOPIC} (the empty string,
 * which is never a legal topic name). Sets are only created, extended and emptied inside
 * {@link ConcurrentHashMap#compute} of their key, and an event takes a whole set out with one atomic
 * {@code remove}, so a registration racing an event lands either in the taken set (and is woken) or
 * in a fresh one (and is seen by the next event) — never lost.
 *
 * <p>Thread rules: the listener methods run on the store's writer thread (or a topic creator's) and
 * only remove a set and count down latches — no blocking, no allocation proportional to anything but
 * the woken waiters. Registration and {@link Waiter#close()} run on the reader's thread.
 */
public final class FetchWaiters implements LogListener, AutoCloseable {
    private static final String ANY_NEW_TOPIC = "";

    private final Map<String, Set<Waiter>> byTopic = new ConcurrentHashMap<>();
    private final Map<Waiter, List<String>> keysOf = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Registers a waiter woken by an append to, creation or deletion of any of {@code topics}, and —
     * when {@code newTopics} — by the creation of any topic. After {@link #close()} the returned
     * waiter is already woken.
     */
    public Waiter register(Collection<String> topics, boolean newTopics) {
        Waiter waiter = new Waiter(this);
        List<String> keys = new ArrayList<>(topics.size() + 1);
        keys.addAll(topics);
        if (newTopics) {
            keys.add(ANY_NEW_TOPIC);
        }
        keysOf.put(waiter, keys);
        open.incrementAndGet();
        for (String key : keys) {
            byTopic.compute(key, (k, set) -> {
                Set<Waiter> target = set == null ? ConcurrentHashMap.newKeySet() : set;
                target.add(waiter);
                return target;
            });
        }
        if (closed) {
            waiter.wake();
        }
        return waiter;
    }

    /** Waiters registered and not yet closed. */
    public int waiting() {
        return open.get();
    }

    /**
     * Index entries currently held (a waiter on n topics holds n). Zero when no waiter is open: a
     * non-zero value with {@link #waiting()} at zero would be a leak.
     */
    public int registrations() {
        int total = 0;
        for (Set<Waiter> set : byTopic.values()) {
            total += set.size();
        }
        return total;
    }

    @Override
    public void appended(String topic, long endOffset) {
        wakeAll(topic);
    }

    @Override
    public void topicCreated(String topic) {
        wakeAll(topic);
        wakeAll(ANY_NEW_TOPIC);
    }

    @Override
    public void topicDeleted(String topic) {
        wakeAll(topic);
    }

    /** Wakes every waiter now and every waiter registered later. */
    @Override
    public void close() {
        closed = true;
        for (String key : List.copyOf(byTopic.keySet())) {
            wakeAll(key);
        }
    }

    void remove(Waiter waiter) {
        List<String> keys = keysOf.remove(waiter);
        if (keys == null) {
            return;
        }
        open.decrementAndGet();
        for (String key : keys) {
            byTopic.computeIfPresent(key, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private void wakeAll(String key) {
        Set<Waiter> woken = byTopic.remove(key);
        if (woken != null) {
            for (Waiter waiter : woken) {
                waiter.wake();
            }
        }
    }
}
