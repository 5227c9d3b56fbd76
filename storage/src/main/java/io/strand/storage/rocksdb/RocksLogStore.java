package io.strand.storage.rocksdb;

import com.codahale.metrics.MetricRegistry;
import io.strand.storage.CursorStore;
import io.strand.storage.Durability;
import io.strand.storage.LogListener;
import io.strand.storage.LogStore;
import io.strand.storage.StorageConfig;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicConfig;
import io.strand.storage.TopicInfo;
import io.strand.storage.TopicLog;
import io.strand.storage.TopicNames;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB-backed {@link LogStore}: wires the {@link StoreDb}, the recovered {@link TopicCatalog},
 * {@link ProducerStates} and {@link RocksCursorStore}, the single {@link GroupCommitWriter} thread and
 * the retention timer (thread {@code strand-retention}), and owns their life cycle.
 *
 * <p>Topic creation and deletion are serialized by one admin lock (appends and reads never take it) and
 * executed as writer tasks, so ids come from the writer-owned counter and a delete is ordered with the
 * appends around it: the topic is marked deleted first, so every append the writer stages afterwards
 * fails with UNKNOWN_TOPIC.
 */
public final class RocksLogStore implements LogStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksLogStore.class);

    private final StorageConfig config;
    private final StoreDb db;
    private final StoreMetrics metrics;
    private final Listeners listeners = new Listeners();
    private final TopicCatalog catalog;
    private final ProducerStates producers;
    private final Counters counters;
    private final RocksCursorStore cursors;
    private final GroupCommitWriter writer;
    private final ScheduledExecutorService retentionTimer;
    private final Object adminLock = new Object();
    private volatile boolean closed;

    private RocksLogStore(StorageConfig config, StoreDb db, MetricRegistry registry) {
        this.config = config;
        this.db = db;
        this.metrics = new StoreMetrics(registry);
        this.catalog = TopicCatalog.load(db);
        this.producers = ProducerStates.load(db, config.producerStatesMax(), config.producerStateExpiry());
        metrics.watchProducerStates(producers);
        this.counters = Counters.load(db, catalog.maxId() + 1);
        this.cursors = RocksCursorStore.load(db, catalog, config.defaultDurability());
        this.writer = new GroupCommitWriter(db, new AppendQueue(config.appendQueueBytes(), config.appendQueueRecords()),
                metrics, listeners, config.clock(), producers);
        cursors.attach(writer);
        db.onBackgroundError(writer::fail);
        this.retentionTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strand-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating if needed) the store in {@code config.dataDir()}; see {@link LogStore#open}. */
    public static LogStore open(StorageConfig config, MetricRegistry metrics) {
        return openStore(config, metrics);
    }

    /** {@link #open} with the concrete type, for tests in this package. */
    static RocksLogStore openStore(StorageConfig config, MetricRegistry metrics) {
        StoreDb db = StoreDb.open(config.dataDir(), config.writeBufferBytes(), config.faultInjector());
        RocksLogStore store;
        try {
            store = new RocksLogStore(config, db, metrics);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        store.start();
        return store;
    }

    private void start() {
        writer.start();
        long interval = config.retentionCheckInterval().toMillis();
        retentionTimer.scheduleWithFixedDelay(this::retentionTick, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void retentionTick() {
        try {
            enforceRetention();
        } catch (StorageException e) {
            if (!closed && e.error() != StorageError.CLOSED) {
                LOG.warn("retention check failed: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("retention check failed", e);
        }
    }

    /** Runs retention now, on the writer thread, and returns the number of batches deleted. */
    int enforceRetention() {
        return writer.call(Retention.task(catalog, metrics), Durability.WAL);
    }

    @Override
    public TopicInfo createTopic(String name, TopicConfig topicConfig) {
        TopicNames.validate(name);
        TopicState state;
        synchronized (adminLock) {
            checkOpen();
            if (catalog.byName(name).isPresent()) {
                throw new StorageException(StorageError.TOPIC_EXISTS, "topic '" + name + "' already exists");
            }
            TopicConfig c = topicConfig == null ? TopicConfig.DEFAULTS : topicConfig;
            state = writer.call(catalog.create(name, c, config.clock().millis(), counters), config.defaultDurability());
            // Told under the lock: a delete and a re-create of one name must reach listeners in the order
            // they happened, or a subscription could drop the new topic after seeing its creation.
            listeners.topicCreated(name);
        }
        return state.info();
    }

    @Override
    public TopicLog getOrCreate(String name) {
        Optional<TopicLog> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            createTopic(name, TopicConfig.DEFAULTS);
        } catch (StorageException e) {
            if (e.error() != StorageError.TOPIC_EXISTS) {
                throw e;
            }
        }
        return log(name);
    }

    @Override
    public TopicLog log(String name) {
        return find(name).orElseThrow(() -> new StorageException(StorageError.UNKNOWN_TOPIC, "topic '" + name
                + "' does not exist"));
    }

    @Override
    public Optional<TopicLog> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return catalog.byName(name).map(this::logOf);
    }

    private TopicLog logOf(TopicState state) {
        return new RocksTopicLog(state, db, writer, config, metrics);
    }

    @Override
    public List<TopicInfo> topics() {
        return catalog.snapshot().stream().filter(t -> !t.isDeleted()).map(TopicState::info)
                .sorted(Comparator.comparing(TopicInfo::name)).toList();
    }

    @Override
    public void deleteTopic(String name) {
        synchronized (adminLock) {
            checkOpen();
            TopicState state = catalog.byName(name).filter(t -> !t.isDeleted()).orElseThrow(() ->
                    new StorageException(StorageError.UNKNOWN_TOPIC, "topic '" + name + "' does not exist"));
            state.markDeleted();
            try {
                writer.call(catalog.delete(state, cursors, producers), config.defaultDurability());
            } catch (StorageException e) {
                undoMarkIfNotDeleted(state, e);
                throw e;
            }
            listeners.topicDeleted(name);
        }
    }

    /**
     * A delete that failed with STORE_FAILED or CLOSED never reached disk (its group failed, or the queue
     * refused it); the topic is still there, so it must stay readable — a failed store keeps serving
     * reads. After BUSY (interrupted while waiting) the delete may still happen: leave the mark.
     */
    private void undoMarkIfNotDeleted(TopicState state, StorageException e) {
        boolean neverWritten = e.error() == StorageError.STORE_FAILED || e.error() == StorageError.CLOSED;
        if (neverWritten && catalog.byName(state.name()).orElse(null) == state) {
            state.unmarkDeleted();
        }
    }

    @Override
    public CursorStore cursors() {
        return cursors;
    }

    /** Always synced, whatever the default durability: an id handed out must never come back. */
    @Override
    public long newProducerId() {
        checkOpen();
        return writer.call(group -> {
            long id = counters.takeProducerId(group);
            return () -> id;
        }, Durability.FSYNC);
    }

    @Override
    public AutoCloseable addListener(LogListener listener) {
        return listeners.add(listener);
    }

    /**
     * The writer's sticky failure; while there is none, also asks RocksDB whether a background job has
     * failed that no write has tripped over yet (see {@link StoreDb#backgroundFailure}) and, if so, makes
     * that the sticky failure — so an idle store whose flush failed reports itself unhealthy.
     */
    @Override
    public Optional<Throwable> failure() {
        if (writer.failure().isEmpty()) {
            db.backgroundFailure().ifPresent(writer::fail);
        }
        return writer.failure().map(e -> e);
    }

    @Override
    public StorageConfig config() {
        return config;
    }

    /**
     * Test seam of this package: every write from now on first runs {@code fault}, which may throw to
     * simulate an I/O error or block to hold the writer. Other modules use {@link io.strand.storage.FaultInjector}.
     */
    void injectFault(StoreDb.FaultInjection fault) {
        db.injectFaults(fault);
    }

    /** Test seam: makes the next write fail as a disk error would. */
    void failNextWrite(String message) {
        db.injectFaults(() -> {
            db.injectFaults(StoreDb.FaultInjection.NONE);
            throw new RocksDBException(message);
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(StorageError.CLOSED, "the store in " + config.dataDir() + " is closed");
        }
    }

    @Override
    public void close() {
        writer.checkNotWriterThread("closing the store");
        synchronized (adminLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        retentionTimer.shutdownNow();
        try {
            retentionTimer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        db.close(writer.failure().isEmpty());
    }
}
