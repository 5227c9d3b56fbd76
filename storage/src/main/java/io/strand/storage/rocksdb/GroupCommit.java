package io.strand.storage.rocksdb;

import io.strand.storage.Durability;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The state of one group commit while the writer thread stages its requests: the single
 * {@link WriteBatch}, the durability the group will reach, and the topics whose staged state must be
 * persisted ({@code topics/'S' ‖ id}) and published once the batch is written. Writer thread only.
 */
final class GroupCommit {
    final StoreDb db;
    final Durability reached;
    final Clock clock;
    final ProducerStates producers;
    private final WriteBatch batch;
    private final List<TopicState> touched = new ArrayList<>();

    GroupCommit(StoreDb db, WriteBatch batch, Durability reached, Clock clock, ProducerStates producers) {
        this.db = db;
        this.batch = batch;
        this.reached = reached;
        this.clock = clock;
        this.producers = producers;
    }

    void put(Cf cf, byte[] key, byte[] value) throws RocksDBException {
        batch.put(db.cf(cf), key, value);
    }

    void delete(Cf cf, byte[] key) throws RocksDBException {
        batch.delete(db.cf(cf), key);
    }

    void deleteRange(Cf cf, byte[] from, byte[] toExclusive) throws RocksDBException {
        batch.deleteRange(db.cf(cf), from, toExclusive);
    }

    /** Marks the topic's start/end/size as changed in this group. */
    void touch(TopicState topic) {
        if (!topic.touchedInGroup) {
            topic.touchedInGroup = true;
            touched.add(topic);
        }
    }

    /** Marks the topic as touched and appended to: listeners hear of it after the write. */
    void appended(TopicState topic) {
        touch(topic);
        topic.appendedInGroup = true;
    }

    List<TopicState> touched() {
        return touched;
    }

    /** Adds the persisted part of each touched topic's staged state: start offset and size. */
    void stageTopicStates() throws RocksDBException {
        for (TopicState t : touched) {
            if (!t.isDeleted()) {
                put(Cf.TOPICS, Keys.topicState(t.id()), TopicStates.encode(t.stagedStart, t.stagedSize));
            }
        }
    }

    boolean hasWrites() {
        return batch.count() > 0;
    }

    WriteBatch batch() {
        return batch;
    }
}
