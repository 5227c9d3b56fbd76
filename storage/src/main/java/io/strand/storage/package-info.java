/**
 * The log engine of Strand: named topics whose logs are append-only, offset-addressed sequences of
 * records; durable subscription cursors; producer state for idempotent appends.
 *
 * <p>This package is the public face of the engine — interfaces ({@link io.strand.storage.LogStore},
 * {@link io.strand.storage.TopicLog}, {@link io.strand.storage.CursorStore}), immutable values passed
 * between threads, the configuration and the {@link io.strand.storage.StorageException} family. The
 * RocksDB implementation lives in {@code io.strand.storage.rocksdb} and is reached only through
 * {@link io.strand.storage.LogStore#open} and, for the offline check of a data directory behind
 * {@code strand check}, {@link io.strand.storage.StoreCheck#check} (whose
 * {@link io.strand.storage.CheckReport} is made to be printed). {@link io.strand.storage.FaultInjector}
 * is the seam through which other modules' tests make the store fail as a broken disk would.
 *
 * <p>It must not depend on Thrift, sockets or anything of the broker: the broker converts its wire
 * types to {@link io.strand.storage.Record}s at its edge. The seam is kept narrow (append, read,
 * cursors) so that a replicated state machine can drive it later.
 */
package io.strand.storage;
