package io.strand.storage.rocksdb;

import org.rocksdb.RocksDBException;

/**
 * The id counters in the {@code meta} family ({@code "next.topic.id"}, {@code "next.producer.id"} →
 * value:8). Each id handed out is staged with the counter's new value in the same WriteBatch, so an
 * id is never handed out twice, across restarts and crashes. Ids start at 1. Writer thread only.
 */
final class Counters {
    private static final String NEXT_TOPIC_ID = "next.topic.id";
    private static final String NEXT_PRODUCER_ID = "next.producer.id";

    private long nextTopicId;
    private long nextProducerId;

    private Counters(long nextTopicId, long nextProducerId) {
        this.nextTopicId = nextTopicId;
        this.nextProducerId = nextProducerId;
    }

    /** Loads the counters; {@code minTopicId} guards against a counter behind an existing topic. */
    static Counters load(StoreDb db, long minTopicId) {
        try {
            return new Counters(Math.max(read(db, NEXT_TOPIC_ID), minTopicId), read(db, NEXT_PRODUCER_ID));
        } catch (RocksDBException e) {
            throw StoreDb.failure("loading id counters", e);
        }
    }

    private static long read(StoreDb db, String name) throws RocksDBException {
        byte[] v = db.get(Cf.META, Keys.meta(name));
        return v == null ? 1 : Keys.getLong(v, 0);
    }

    /** The next producer id this store would hand out. */
    long nextProducerId() {
        return nextProducerId;
    }

    long takeTopicId(GroupCommit group) throws RocksDBException {
        long id = nextTopicId++;
        group.put(Cf.META, Keys.meta(NEXT_TOPIC_ID), Keys.longValue(nextTopicId));
        return id;
    }

    long takeProducerId(GroupCommit group) throws RocksDBException {
        long id = nextProducerId++;
        group.put(Cf.META, Keys.meta(NEXT_PRODUCER_ID), Keys.longValue(nextProducerId));
        return id;
    }
}
