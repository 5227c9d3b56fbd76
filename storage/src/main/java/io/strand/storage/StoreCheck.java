package io.strand.storage;

import java.nio.file.Path;

/**
 * Verifies a data directory offline — the engine behind {@code strand check --data DIR}.
 *
 * <p>What it verifies: every batch's CRC32C and format; that each topic's offsets are dense (its first
 * batch starts at the persisted start offset, each batch at the previous base + count); that the end
 * offset the store would recover on open matches the batches; that the time index and the batches
 * agree entry for entry; that every cursor is on an existing topic and subscription, within
 * {@code [0, endOffset]} (a cursor below the start is a note, "trimmed", not a problem); that
 * idempotent-producer state belongs to existing topics and points inside their logs; that topic
 * metadata, names and persisted state agree. Problems carry the topic and offset range.
 *
 * <p>It never changes the directory: RocksDB is opened read-only (its WAL is replayed in memory only).
 *
 * <p>It refuses to check a directory that a store holds — a running broker, in this process or
 * another — because a read-only view of a directory being written can show gaps that are not there
 * (files are flushed, compacted and deleted under it). While a check runs it holds the directory's
 * lock the same way, so a broker started meanwhile fails with "in use" instead of changing files
 * under the check. Stop the broker, check, start it again.
 */
public final class StoreCheck {
    private StoreCheck() {
    }

    /**
     * Checks the store in {@code dataDir}.
     *
     * @throws StorageException INVALID_REQUEST if {@code dataDir} is not a Strand data directory;
     *                          STORE_FAILED if a store holds it or RocksDB cannot open it read-only
     */
    public static CheckReport check(Path dataDir) {
        return io.strand.storage.rocksdb.RocksStoreCheck.check(dataDir);
    }
}
