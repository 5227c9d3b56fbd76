package io.strand.storage.rocksdb;

import io.strand.storage.CursorStore;
import io.strand.storage.Durability;
import io.strand.storage.OffsetOutOfRangeException;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Subscriptions and their cursors, held in memory (loaded on open) and in the {@code subscriptions}
 * and {@code cursors} families. Every write is a task on the writer thread, so it is group-committed
 * with appends, is as durable as the store default when the method returns, and "only forward" is
 * decided without races. Reads come from memory and never wait for the writer.
 */
final class RocksCursorStore implements CursorStore {
    static final int MAX_NAME_LENGTH = 1024;

    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final TopicCatalog catalog;
    private final Durability durability;
    private GroupCommitWriter writer;
    /** Writer thread only: cursor values staged but not yet published, for read-modify-write within a group. */
    private final Map<CursorKey, Long> staged = new HashMap<>();

    private RocksCursorStore(TopicCatalog catalog, Durability durability) {
        this.catalog = catalog;
        this.durability = durability;
    }

    static RocksCursorStore load(StoreDb db, TopicCatalog catalog, Durability durability) {
        RocksCursorStore store = new RocksCursorStore(catalog, durability);
        try (RocksIterator subs = db.iterator(Cf.SUBSCRIPTIONS); RocksIterator cursors = db.iterator(Cf.CURSORS)) {
            for (subs.seekToFirst(); subs.isValid(); subs.next()) {
                String name = new String(subs.key(), StandardCharsets.UTF_8);
                store.subscriptions.put(name, new Subscription(subs.value()));
            }
            subs.status();
            for (cursors.seekToFirst(); cursors.isValid(); cursors.next()) {
                byte[] key = cursors.key();
                Subscription s = Keys.cursorSubscription(key).map(store.subscriptions::get).orElse(null);
                if (s != null) {
                    s.cursors.put(Keys.cursorTopicId(key), Keys.getLong(cursors.value(), 0));
                }
            }
            cursors.status();
        } catch (RocksDBException e) {
            throw StoreDb.failure("loading subscriptions", e);
        }
        return store;
    }

    void attach(GroupCommitWriter writer) {
        this.writer = writer;
    }

    @Override
    public void putSubscription(String name, byte[] definition) {
        validateName(name);
        byte[] copy = definition.clone();
        writer.call(group -> {
            group.put(Cf.SUBSCRIPTIONS, Keys.subscription(name), copy);
            return () -> {
                subscriptions.compute(name, (n, old) -> {
                    if (old == null) {
                        return new Subscription(copy);
                    }
                    old.definition = copy;
                    return old;
                });
                return null;
            };
        }, durability);
    }

    @Override
    public Optional<byte[]> subscription(String name) {
        return Optional.ofNullable(subscriptions.get(name)).map(s -> s.definition.clone());
    }

    @Override
    public Map<String, byte[]> subscriptions() {
        Map<String, byte[]> out = new TreeMap<>();
        subscriptions.forEach((name, s) -> out.put(name, s.definition.clone()));
        return out;
    }

    @Override
    public boolean deleteSubscription(String name) {
        validateName(name);
        return writer.call(group -> {
            Subscription s = subscriptions.get(name);
            if (s == null || s.deleted) {
                return () -> false;
            }
            s.deleted = true;
            group.delete(Cf.SUBSCRIPTIONS, Keys.subscription(name));
            byte[] prefix = Keys.cursorPrefix(name);
            group.deleteRange(Cf.CURSORS, prefix, Keys.prefixEnd(prefix));
            staged.keySet().removeIf(k -> k.subscription.equals(name));
            return () -> subscriptions.remove(name, s);
        }, durability);
    }

    @Override
    public OptionalLong committed(String subscription, String topic) {
        Subscription s = subscriptions.get(subscription);
        Optional<TopicState> t = catalog.byName(topic);
        if (s == null || t.isEmpty()) {
            return OptionalLong.empty();
        }
        Long offset = s.cursors.get(t.get().id());
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    @Override
    public Map<String, Long> cursors(String subscription) {
        Subscription s = subscriptions.get(subscription);
        Map<String, Long> out = new TreeMap<>();
        if (s != null) {
            s.cursors.forEach((topicId, offset) -> catalog.byId(topicId).ifPresent(t -> out.put(t.name(), offset)));
        }
        return out;
    }

    @Override
    public boolean commit(String subscription, String topic, long offset) {
        return move(subscription, topic, offset, current -> current == null || offset > current);
    }

    @Override
    public void seek(String subscription, String topic, long offset) {
        move(subscription, topic, offset, current -> true);
    }

    @Override
    public boolean commitIfAt(String subscription, String topic, long expected, long offset) {
        return move(subscription, topic, offset, current -> current == null || current == expected);
    }

    /** Moves the cursor if {@code allowed} accepts its current value (null: no cursor yet), decided on the writer. */
    private boolean move(String subscription, String topicName, long offset, Predicate<Long> allowed) {
        TopicState topic = catalog.byName(topicName).filter(t -> !t.isDeleted()).orElseThrow(() -> unknownTopic(topicName));
        Subscription s = Optional.ofNullable(subscriptions.get(subscription)).orElseThrow(() -> unknownSubscription(subscription));
        LogBounds bounds = topic.bounds();
        if (offset < 0 || offset > bounds.end()) {
            throw new OffsetOutOfRangeException(topicName, offset, bounds.start(), bounds.end());
        }
        return writer.call(group -> {
            if (topic.isDeleted()) {
                throw unknownTopic(topicName);
            }
            if (s.deleted || subscriptions.get(subscription) != s) {
                throw unknownSubscription(subscription);
            }
            CursorKey key = new CursorKey(subscription, topic.id());
            Long current = staged.containsKey(key) ? staged.get(key) : s.cursors.get(topic.id());
            if (!allowed.test(current)) {
                return () -> false;
            }
            group.put(Cf.CURSORS, Keys.cursor(subscription, topic.id()), Keys.longValue(offset));
            staged.put(key, offset);
            return () -> {
                s.cursors.put(topic.id(), offset);
                staged.remove(key, offset);
                return true;
            };
        }, durability);
    }

    /** Writer thread: stages deletion of every cursor on the topic; the returned step forgets them. */
    Runnable forgetTopic(GroupCommit group, long topicId) throws RocksDBException {
        List<Subscription> holding = new ArrayList<>();
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            if (e.getValue().cursors.containsKey(topicId)) {
                group.delete(Cf.CURSORS, Keys.cursor(e.getKey(), topicId));
                holding.add(e.getValue());
            }
        }
        staged.keySet().removeIf(k -> k.topicId == topicId);
        return () -> holding.forEach(s -> s.cursors.remove(topicId));
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new StorageException(StorageError.INVALID_REQUEST, "a subscription name must be 1-" + MAX_NAME_LENGTH
                    + " characters, got " + (name == null ? "none" : name.length()));
        }
    }

    private static StorageException unknownTopic(String topic) {
        return new StorageException(StorageError.UNKNOWN_TOPIC, "topic '" + topic + "' does not exist");
    }

    private static StorageException unknownSubscription(String name) {
        return new StorageException(StorageError.UNKNOWN_SUBSCRIPTION, "subscription '" + name
                + "' does not exist; create it before committing or seeking");
    }

    /** One subscription: its definition and its published cursors (topic id → offset). */
    private static final class Subscription {
        final ConcurrentHashMap<Long, Long> cursors = new ConcurrentHashMap<>();
        volatile byte[] definition;
        /** Writer thread only: deletion staged. */
        boolean deleted;

        Subscription(byte[] definition) {
            this.definition = definition;
        }
    }

    private record CursorKey(String subscription, long topicId) {
    }
}
