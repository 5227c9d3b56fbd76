package io.strand.storage;

import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.Optional;

/**
 * One data directory of topic logs, subscription cursors and producer state.
 *
 * <p>Everything needed to resume — each topic's end offset, cursors, producer sequences — is recovered
 * from the directory on {@link #open}; there is no second source of truth. At most one open store per
 * directory: a second {@code open} on the same directory fails with a message naming the lock holder.
 *
 * <p>Thread-safety: every method may be called from any thread. Appends are queued to one writer
 * thread per store, which assigns offsets (and nothing else does), group-commits and completes futures.
 *
 * <p>Failure: the first I/O error is sticky. The store then fails every later write with
 * {@link StorageError#STORE_FAILED} carrying that cause, keeps serving reads, and reports itself
 * unhealthy through {@link #failure()}. It never exits the process. The error may come from a write
 * (disk full, I/O error) or from RocksDB's background work (a flush or compaction that failed), which
 * {@link #failure()} reports even while no write is happening. Freeing space does not heal a running
 * store: close it and open it again, which recovers everything acknowledged from disk. The outcome of
 * the appends that failed is unknown, as after a timeout — one may be found stored after the reopen;
 * an idempotent producer's retry resolves it. Tests can inject such failures with {@link FaultInjector}.
 */
public interface LogStore extends AutoCloseable {

    /** Opens (creating if needed) the store in {@code config.dataDir()}, recording metrics in {@code metrics}. */
    static LogStore open(StorageConfig config, MetricRegistry metrics) {
        return io.strand.storage.rocksdb.RocksLogStore.open(config, metrics);
    }

    /** Creates a topic. Fails with TOPIC_EXISTS or INVALID_TOPIC_NAME. */
    TopicInfo createTopic(String name, TopicConfig config);

    /** Returns the topic's log, creating the topic with default config if it does not exist. */
    TopicLog getOrCreate(String name);

    /** The topic's log. Fails with UNKNOWN_TOPIC. */
    TopicLog log(String name);

    Optional<TopicLog> find(String name);

    /** All topics, by name. */
    List<TopicInfo> topics();

    /**
     * Deletes the topic, its records, time index, cursors and producer state. Pending appends to it
     * fail with UNKNOWN_TOPIC. The name may be created again later, with a new internal id and offsets
     * from 0. Fails with UNKNOWN_TOPIC.
     */
    void deleteTopic(String name);

    /** Subscriptions and their cursors, durable in the same store. */
    CursorStore cursors();

    /** A new producer id, unique for the life of this data directory. */
    long newProducerId();

    /**
     * Registers a listener the writer thread calls after each group commit. Closing the returned handle
     * unregisters it. Listeners must be quick and must not block or call back into appends.
     */
    AutoCloseable addListener(LogListener listener);

    /** The sticky storage failure, if any; empty while the store is healthy. Cheap; any thread. */
    Optional<Throwable> failure();

    StorageConfig config();

    /**
     * Fails new appends with CLOSED, completes or fails every pending one, and closes RocksDB
     * cleanly. Idempotent.
     */
    @Override
    void close();
}
