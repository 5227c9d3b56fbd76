/**
 * The RocksDB implementation of the log engine, reached only through
 * {@link io.strand.storage.rocksdb.RocksLogStore#open} (which {@link io.strand.storage.LogStore#open}
 * calls). Everything else here is package-private.
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
 * durability and a power cut in {@code fsync} durability. The first write error is sticky (STORE_FAILED).
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
 * </ul>
 *
 * <h2>Must not depend on</h2>
 * Thrift, sockets or anything of the broker; only the public API in {@code io.strand.storage},
 * rocksdbjni, metrics-core and slf4j.
 */
package io.strand.storage.rocksdb;
