package io.strand.storage.rocksdb;

import io.strand.storage.Durability;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a store: one daemon thread, {@value #THREAD_NAME}, takes everything queued,
 * stages it into ONE {@link WriteBatch} (assigning offsets — nowhere else are offsets assigned),
 * writes it with one WAL sync if any request needs {@link Durability#FSYNC}, then publishes the new
 * topic bounds, completes every request in queue order (so per topic in offset order) and tells the
 * listeners. All futures and listener calls run on this thread.
 *
 * <p>Failure is sticky: the first error of a write (or any unexpected exception while staging) fails
 * that group and every later request with {@link StorageError#STORE_FAILED} carrying the cause;
 * nothing staged by the failed group is published, so readers never see it. {@link #fail} may also be
 * called from another thread (RocksDB's background-error callback): groups that start afterwards fail,
 * a group already being written completes or fails on its own. Whatever escapes a group — even an
 * {@link Error} from a listener or callback — fails the store rather than killing this thread, so no
 * future is ever left hanging and {@link #close} always finds the thread ready to stop.
 */
final class GroupCommitWriter implements AutoCloseable {
    static final String THREAD_NAME = "strand-log-writer";
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final StoreDb db;
    private final AppendQueue queue;
    private final StoreMetrics metrics;
    private final Listeners listeners;
    private final Clock clock;
    private final ProducerStates producers;
    private final WriteBatch batch = new WriteBatch();
    private final Thread thread;
    private final AtomicReference<StorageException> failure = new AtomicReference<>();

    GroupCommitWriter(StoreDb db, AppendQueue queue, StoreMetrics metrics, Listeners listeners, Clock clock,
                      ProducerStates producers) {
        this.db = db;
        this.queue = queue;
        this.metrics = metrics;
        this.listeners = listeners;
        this.clock = clock;
        this.producers = producers;
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues an append, waiting up to {@code waitNanos} for room. Throws BUSY, CLOSED or STORE_FAILED. */
    void enqueue(WriteRequest request, long waitNanos) {
        queue.offer(request, waitNanos);
    }

    /** Queues a task; the future completes after its group is written. */
    <T> CompletableFuture<T> submit(WriterTask<T> task, Durability durability) {
        TaskRequest<T> request = new TaskRequest<>(task, durability);
        queue.offer(request, 0);
        return request.future;
    }

    /** Runs a task on the writer and waits for it; its StorageException, if any, is rethrown here. */
    <T> T call(WriterTask<T> task, Durability durability) {
        checkNotWriterThread("a blocking store call (topic create/delete, cursor write, new producer id)");
        CompletableFuture<T> future = submit(task, durability);
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(StorageError.STORE_FAILED, "store task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageError.BUSY, "interrupted while waiting for the store's writer;"
                    + " the operation may or may not take effect");
        }
    }

    Optional<StorageException> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void run() {
        while (true) {
            List<WriteRequest> group;
            try {
                group = queue.takeAll();
            } catch (InterruptedException e) {
                // Nobody but close() should stop this thread; treat it as a failure and drain the queue.
                LOG.error("{} interrupted; the store accepts no more writes", THREAD_NAME);
                fail(new StorageException(StorageError.STORE_FAILED, "the store's writer thread was interrupted"));
                continue;
            }
            if (group.isEmpty()) {
                return;
            }
            long bytes = 0;
            long records = 0;
            for (WriteRequest r : group) {
                bytes += r.queuedBytes();
                records += r.queuedRecords();
            }
            try {
                commit(group);
            } catch (Throwable e) {
                // Escaped the group's own handling: a listener or callback threw an Error. Never die silently.
                StorageException cause = new StorageException(StorageError.STORE_FAILED, "the store's writer failed"
                        + " unexpectedly after a group commit: " + e, e);
                LOG.error("{}; refusing writes until the store is reopened", cause.getMessage(), e);
                fail(cause);
                group.forEach(r -> r.fail(cause));
            } finally {
                queue.release(bytes, records);
            }
        }
    }

    private void commit(List<WriteRequest> group) {
        StorageException failed = failure.get();
        if (failed != null) {
            group.forEach(r -> r.fail(failed));
            return;
        }
        Durability reached = Durability.WAL;
        for (WriteRequest r : group) {
            if (r.durability() == Durability.FSYNC) {
                reached = Durability.FSYNC;
            }
        }
        batch.clear();
        GroupCommit g = new GroupCommit(db, batch, reached, clock, producers);
        List<WriteRequest> staged = new ArrayList<>(group.size());
        try {
            for (WriteRequest r : group) {
                try {
                    r.stage(g);
                    staged.add(r);
                } catch (StorageException rejected) {
                    r.fail(rejected);
                }
            }
            g.stageTopicStates();
            write(g);
        } catch (RocksDBException e) {
            abort(g, group, StoreDb.failure("writing a group of " + staged.size() + " requests", e));
            return;
        } catch (RuntimeException | Error e) {
            abort(g, group, new StorageException(StorageError.STORE_FAILED, "unexpected failure in the store's writer: " + e, e));
            return;
        }
        for (TopicState t : g.touched()) {
            t.publish();
        }
        for (WriteRequest r : staged) {
            try {
                r.complete(g);
            } catch (RuntimeException e) {
                r.fail(e);
            }
        }
        for (TopicState t : g.touched()) {
            if (t.appendedInGroup) {
                listeners.appended(t.name(), t.stagedEnd);
            }
            t.touchedInGroup = false;
            t.appendedInGroup = false;
        }
        metrics.groupSize.update(staged.size());
    }

    private void write(GroupCommit g) throws RocksDBException {
        if (!g.hasWrites()) {
            return;
        }
        boolean sync = g.reached == Durability.FSYNC;
        long start = System.nanoTime();
        db.write(g.batch(), sync);
        if (sync) {
            metrics.syncLatency.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Fails the store and every request of the group not failed already (fail is a no-op on those). */
    private void abort(GroupCommit g, List<WriteRequest> group, StorageException cause) {
        LOG.error("storage failed; refusing writes until the store is reopened", cause);
        for (TopicState t : g.touched()) {
            t.touchedInGroup = false;
            t.appendedInGroup = false;
        }
        fail(cause);
        group.forEach(r -> r.fail(cause));
    }

    /**
     * Fails the store with {@code cause} unless it failed already (the first cause wins and is what
     * every later request fails with). Any thread; the queue refuses new requests from now on.
     */
    void fail(StorageException cause) {
        failure.compareAndSet(null, cause);
        queue.shutDown(failure.get());
    }

    /** Throws when called on the writer thread, which must never wait for itself (close, or a blocking call). */
    void checkNotWriterThread(String what) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException(what + " cannot be done on " + THREAD_NAME + " (from a listener or a future"
                    + " callback): it would wait for itself; do it from another thread");
        }
    }

    /** Stops taking new requests, lets the writer finish or fail what is queued, and stops the thread. */
    @Override
    public void close() {
        checkNotWriterThread("closing the store");
        queue.shutDown(new StorageException(StorageError.CLOSED, "the store in " + db.dir() + " is closed"));
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new StorageException(StorageError.STORE_FAILED, THREAD_NAME + " did not finish within "
                    + CLOSE_WAIT_SECONDS + " s; RocksDB is left open");
        }
        batch.close();
    }
}
