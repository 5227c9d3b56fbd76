package io.strand.storage.rocksdb;

import java.util.function.Supplier;
import org.rocksdb.RocksDBException;

/**
 * Work other than an append that must be serialized with appends on the writer thread: it stages
 * writes into the group's batch and returns the step that makes its effect visible once the batch is
 * written (the step's value completes the caller's future). Follows {@link WriteRequest#stage}'s rule:
 * reject with a StorageException before staging anything, or stage.
 */
@FunctionalInterface
interface WriterTask<T> {
    Supplier<T> stage(GroupCommit group) throws RocksDBException;
}
