package io.strand.storage.rocksdb;

import io.strand.storage.Durability;
import org.rocksdb.RocksDBException;

/**
 * One unit of work for the writer thread: an append or a task (topic create/delete, cursor write,
 * retention, counter). Life cycle, all but construction on the writer thread:
 * {@link #stage} → (the group's one write) → {@link #complete} or {@link #fail}.
 *
 * <p>Contract of {@link #stage}: it either throws a {@link io.strand.storage.StorageException} before
 * changing any state (the request alone fails, the group goes on), or adds its writes to the group and
 * stages its state changes. Any other exception fails the whole store.
 */
abstract class WriteRequest {
    final long enqueuedNanos = System.nanoTime();

    /** Bytes this request holds in the append queue (0 for tasks, which the queue bounds do not apply to). */
    abstract long queuedBytes();

    /** Records this request holds in the append queue. */
    abstract int queuedRecords();

    /** The durability the request needs; the group is synced if any of its requests needs FSYNC. */
    abstract Durability durability();

    abstract void stage(GroupCommit group) throws RocksDBException;

    /** Called after the group's write succeeded, in queue order. */
    abstract void complete(GroupCommit group);

    /** Fails the request unless it is already completed or failed. */
    abstract void fail(Throwable cause);
}
