package io.strand.storage.rocksdb;

import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The topics of a store by name and by id. Readable from any thread; changed only by the publish step
 * of the create/delete tasks it hands to the writer, after their write succeeded.
 *
 * <p>Recovery ({@link #load}) reads each topic's metadata and persisted state, then one
 * {@code seekForPrev} per topic finds its last batch, whose base offset + count is the end offset
 * ({@link EndRecovery}). So open costs O(topics) seeks, never a scan of the data.
 */
final class TopicCatalog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TopicCatalog.class);

    private final ConcurrentHashMap<String, TopicState> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, TopicState> byId = new ConcurrentHashMap<>();

    static TopicCatalog load(StoreDb db) {
        TopicCatalog catalog = new TopicCatalog();
        try (RocksIterator it = db.iterator(Cf.TOPICS); RocksIterator log = db.iterator(Cf.LOG);
             RocksIterator timeIndex = db.iterator(Cf.TIMEINDEX)) {
            byte[] prefix = {Keys.TOPIC_META};
            for (it.seek(prefix); it.isValid() && Keys.hasPrefix(it.key(), prefix); it.next()) {
                long id = Keys.getLong(it.key(), 1);
                TopicMetadata metadata = TopicMetadata.decode(id, it.value());
                byte[] state = db.get(Cf.TOPICS, Keys.topicState(id));
                long start = state == null ? 0 : TopicStates.startOffset(state);
                long size = state == null ? 0 : TopicStates.sizeBytes(state);
                EndRecovery.Recovered end;
                try {
                    end = EndRecovery.recover(log, timeIndex, id, start);
                } catch (BatchCodec.CorruptBatchException e) {
                    throw new StorageException(StorageError.CORRUPT_RECORD, "topic '" + metadata.name() + "': " + e.getMessage()
                            + "; run 'strand check' on the data directory");
                }
                end.corruptLast().ifPresent(why -> LOG.warn("topic '{}': {}; reads of those offsets fail with CORRUPT_RECORD",
                        metadata.name(), why));
                catalog.add(new TopicState(metadata, new LogBounds(start, end.end(), size), end.lastTimestamp()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw StoreDb.failure("loading topics", e);
        }
        return catalog;
    }

    private void add(TopicState t) {
        byName.put(t.name(), t);
        byId.put(t.id(), t);
    }

    Optional<TopicState> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<TopicState> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    Collection<TopicState> all() {
        return byId.values();
    }

    long maxId() {
        return byId.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Creates a topic with a new id. The caller serializes creates, so names are checked before. */
    WriterTask<TopicState> create(String name, TopicConfig config, long createdAt, Counters counters) {
        return group -> {
            if (byName.containsKey(name)) {
                throw new StorageException(StorageError.TOPIC_EXISTS, "topic '" + name + "' already exists");
            }
            long id = counters.takeTopicId(group);
            TopicMetadata metadata = new TopicMetadata(id, name, config, createdAt);
            group.put(Cf.TOPICS, Keys.topicMeta(id), metadata.encode());
            group.put(Cf.TOPICS, Keys.topicName(name), Keys.longValue(id));
            group.put(Cf.TOPICS, Keys.topicState(id), TopicStates.encode(0, 0));
            TopicState state = new TopicState(metadata, LogBounds.EMPTY, 0);
            return () -> {
                add(state);
                return state;
            };
        };
    }

    /**
     * Deletes the topic's log, time index, metadata, cursors and producer state in one batch. The
     * caller has already marked the topic deleted, so no append staged after this can target it.
     */
    WriterTask<Void> delete(TopicState topic, RocksCursorStore cursors, ProducerStates producers) {
        return group -> {
            long id = topic.id();
            group.deleteRange(Cf.LOG, Keys.topicStart(id), Keys.topicEnd(id));
            group.deleteRange(Cf.TIMEINDEX, Keys.topicStart(id), Keys.topicEnd(id));
            group.delete(Cf.TOPICS, Keys.topicMeta(id));
            group.delete(Cf.TOPICS, Keys.topicName(topic.name()));
            group.delete(Cf.TOPICS, Keys.topicState(id));
            producers.forgetTopic(group, id);
            Runnable forgetCursors = cursors.forgetTopic(group, id);
            return () -> {
                forgetCursors.run();
                byName.remove(topic.name(), topic);
                byId.remove(id, topic);
                return null;
            };
        };
    }

    List<TopicState> snapshot() {
        return new ArrayList<>(byId.values());
    }
}
