/**
 * The RocksDB implementation of the log engine, reached only through
 * {@link io.strand.storage.rocksdb.RocksLogStore#open} (which {@link io.strand.storage.LogStore#open}
 * calls) and {@link io.strand.storage.rocksdb.RocksStoreCheck#check} (which
 * {@link io.strand.storage.StoreCheck#check} calls). Everything else here is package-private.
 *
 * <h2>On disk</h2>
 * One RocksDB per data directory; {@link io.strand.storage.rocksdb.Keys} gives the key layout of each
 * column family, {@link io.strand.storage.rocksdb.BatchCodec} the record-batch format (CRC32C checked
 * on every read). Everything needed to resume is recovered on open from these families alone: end
 * offsets from one floor seek per topic, start offsets and sizes, producer state, cursors, counters.
 *
 * <h2>Threads</h2>
 * One writer thread per store ({@code strand-log-writer}, {@link io.strand.storage.rocksdb.GroupCommitWriter})
 * does every write: appends, topic create/delete, cursor writes, retention, counters — so offsets and ids
 * are assigned in exactly one place and all writes of a moment share one WriteBatch and one WAL sync.
 * Futures and listeners run on it. Readers use published volatile {@link io.strand.storage.rocksdb.LogBounds}
 * and their own iterators. {@code strand-retention} only schedules retention onto the writer.
 *
 * <h2>Crash behaviour</h2>
 * A batch, its time-index entry, its producer state and the topic's start/size are one WriteBatch: after
 * a crash either all are there or none. Acknowledged appends survive a killed process in {@code wal}
 * durability and a power cut in {@code fsync} durability. A corrupt batch fails reads of its own offsets
 * (CORRUPT_RECORD naming topic and range); if it is a topic's last batch, open takes its record count
 * from the time index ({@link io.strand.storage.rocksdb.EndRecovery}) rather than refuse to start.
 *
 * <h2>Failure</h2>
 * The first I/O error is sticky ({@link io.strand.storage.rocksdb.GroupCommitWriter#fail}): every later
 * write fails with STORE_FAILED, reads go on. Errors reach it three ways: a write that throws (WAL
 * append or sync, e.g. ENOSPC; also the configured {@link io.strand.storage.FaultInjector});
 * RocksDB's background-error callback ({@link io.strand.storage.rocksdb.BackgroundErrors}); and, because
 * RocksJava 11.8 drops background errors whose reason its enum lacks (a flush with no WAL to retain,
 * MANIFEST writes), a poll of RocksDB's failed-background-job count whenever {@code failure()} is asked.
 * RocksDB's own auto-recovery is declined: only a reopen makes the store writable again. A failed store
 * closes without flushing (the flush could not succeed; the next open replays the WAL). Verified on a
 * real full tmpfs by {@code DiskFullIT}.
 *
 * <h2>Offline check</h2>
 * {@link io.strand.storage.rocksdb.RocksStoreCheck} (behind {@link io.strand.storage.StoreCheck}) opens
 * the directory read-only and verifies it with {@link io.strand.storage.rocksdb.TopicsScan},
 * {@link io.strand.storage.rocksdb.LogScan}/{@link io.strand.storage.rocksdb.TopicWalk} and
 * {@link io.strand.storage.rocksdb.ReferenceScan}, using the same {@link io.strand.storage.rocksdb.Keys}
 * and {@link io.strand.storage.rocksdb.BatchCodec} as the store. It refuses a directory a store holds;
 * {@link io.strand.storage.rocksdb.DirectoryClaims} says why that needs more than RocksDB's LOCK file.
 *
 * <h2>Metrics</h2> (registered in the {@code MetricRegistry} given to {@code open})
 * <ul>
 * <li>{@code storage.append.latency} — Timer, ns: from {@code append} queueing the batch to its future
 *     completing (successful appends and duplicates).</li>
 * <li>{@code storage.append.records} — Meter, records appended (duplicates not counted).</li>
 * <li>{@code storage.append.bytes} — Meter, bytes of encoded batches appended.</li>
 * <li>{@code storage.sync.latency} — Timer, ns: one synced group write (write + WAL fsync).</li>
 * <li>{@code storage.group.size} — Histogram, requests (appends and tasks) committed per group.</li>
 * <li>{@code storage.read.records} — Meter, records returned by reads.</li>
 * <li>{@code storage.append.failures} — Meter, appends that failed, validation included.</li>
 * <li>{@code storage.retention.deleted.batches} — Counter, batches removed by retention.</li>
 * <li>{@code storage.producer.states} — Gauge, idempotent-producer states (producer × topic) remembered.</li>
 * <li>{@code storage.producer.states.forgotten} — Gauge, states forgotten since the store opened because
 *     of {@code producerStatesMax} or {@code producerStateExpiry}.</li>
 * </ul>
 *
 * <h2>Must not depend on</h2>
 * Thrift, sockets or anything of the broker; only the public API in {@code io.strand.storage},
 * rocksdbjni, metrics-core and slf4j.
 */
package io.strand.storage.rocksdb;
