package io.strand.storage.rocksdb;

import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue between appending threads and the single writer, bounded in bytes and in records.
 * A request's bytes and records count against the bounds from {@link #offer} until the writer has
 * finished its group and calls {@link #release} — so the bounds cap memory held for appends, queued or
 * being written. A request larger than the bounds is still admitted when nothing else is held, so it
 * cannot starve. Tasks weigh nothing and are always admitted.
 *
 * <p>Once {@link #shutDown} is called (close or sticky failure), offers fail with that reason; requests
 * already queued are still handed to the writer, which completes or fails them.
 */
final class AppendQueue {
    private final long maxBytes;
    private final int maxRecords;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<WriteRequest> pending = new ArrayDeque<>();
    private long heldBytes;
    private long heldRecords;
    private StorageException rejection;

    AppendQueue(long maxBytes, int maxRecords) {
        this.maxBytes = maxBytes;
        this.maxRecords = maxRecords;
    }

    /**
     * Queues the request, waiting up to {@code waitNanos} for room.
     *
     * @throws StorageException BUSY if there was no room in time; CLOSED or STORE_FAILED after shutdown
     */
    void offer(WriteRequest request, long waitNanos) {
        long bytes = request.queuedBytes();
        int records = request.queuedRecords();
        lock.lock();
        try {
            long remaining = waitNanos;
            while (rejection == null && !fits(bytes, records)) {
                if (remaining <= 0) {
                    throw new StorageException(StorageError.BUSY, "the append queue is full (" + heldBytes + " bytes, "
                            + heldRecords + " records held; limits " + maxBytes + " bytes, " + maxRecords
                            + " records) and stayed full for " + TimeUnit.NANOSECONDS.toMillis(waitNanos)
                            + " ms; retry later or raise the append queue limits");
                }
                remaining = notFull.awaitNanos(remaining);
            }
            if (rejection != null) {
                throw new StorageException(rejection.error(), rejection.getMessage(), rejection.getCause());
            }
            heldBytes += bytes;
            heldRecords += records;
            pending.add(request);
            notEmpty.signal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageError.BUSY, "interrupted while waiting for room in the append queue");
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long bytes, int records) {
        if (bytes == 0 && records == 0) {
            return true;
        }
        boolean empty = heldBytes == 0 && heldRecords == 0;
        return empty || (heldBytes + bytes <= maxBytes && heldRecords + records <= maxRecords);
    }

    /**
     * Writer thread: waits for requests and takes all of them. Returns an empty list only after
     * {@link #shutDown} once nothing is left.
     */
    List<WriteRequest> takeAll() throws InterruptedException {
        lock.lock();
        try {
            while (pending.isEmpty()) {
                if (rejection != null) {
                    return List.of();
                }
                notEmpty.await();
            }
            List<WriteRequest> group = new ArrayList<>(pending);
            pending.clear();
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** Writer thread: the group is done; its requests no longer count against the bounds. */
    void release(long bytes, long records) {
        lock.lock();
        try {
            heldBytes -= bytes;
            heldRecords -= records;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests with {@code reason} from now on; the first reason given wins. */
    void shutDown(StorageException reason) {
        lock.lock();
        try {
            if (rejection == null) {
                rejection = reason;
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
