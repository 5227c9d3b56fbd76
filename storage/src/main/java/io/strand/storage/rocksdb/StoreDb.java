package io.strand.storage.rocksdb;

import io.strand.storage.FaultInjector;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB instance of one data directory with its column families and native option objects —
 * the narrow key-value boundary of the store, and the one place where {@link RocksDBException} becomes
 * {@link StorageException} ({@link #failure}).
 *
 * <p>Thread rules: {@link #write} is called by the writer thread only. Reads may come from any thread
 * but must hold {@link #enterRead()}…{@link #exitRead()}, so that {@link #close} cannot free native
 * memory under a running iterator (RocksJava would crash the JVM, not throw).
 *
 * <p>Failure: a write that fails throws here; a flush or compaction that fails in the background is
 * reported by {@link BackgroundErrors} to the sink set with {@link #onBackgroundError}. Either way the
 * store is failed for good (the writer's sticky failure) and {@link #close(boolean)} is then told not to
 * flush: a flush cannot succeed on a full disk, and the next open replays the WAL anyway.
 *
 * <p>Two ways to open: {@link #open} read-write for a store, claiming the directory in this JVM
 * ({@link DirectoryClaims}) and RocksDB's LOCK; {@link #openReadOnly} for the offline check, which
 * writes nothing into the directory (the WAL is replayed in memory) and takes no lock of its own.
 *
 * <p>Options, and why. The {@code log} family holds large, already-batched payloads, so it has no
 * compression (saves CPU on the one writer thread and in compaction; payloads are often already
 * compressed by producers) and a memtable of {@code writeBufferBytes}; level sizes are dynamic so space
 * amplification stays low as retention range-deletes the head. The small families share one options
 * object with small memtables and LZ4. The total WAL is capped so a rarely written family (cursors,
 * meta) cannot pin old WAL files and make recovery replay gigabytes; close flushes the memtables so a
 * clean restart replays nothing. Measured on the 2-core dev VM (throwaway probes, 5-15 s runs, noisy):
 * <ul>
 * <li>BlobDB for the log family (min blob 4 KiB) was within noise of plain SSTs for 1000 × 100-byte
 *     batches (2.17 vs 2.05 M records/s over 15 s) — not worth the extra read indirection, left off.</li>
 * <li>A sync group written with {@code WriteOptions.sync=true} vs an unsynced write followed by
 *     {@code syncWal()}: 0.49-1.08 ms vs 0.63-0.80 ms per sync, 8 appenders — no winner beyond disk noise;
 *     kept the single call.</li>
 * <li>Open after SIGKILL with 10 M records (100-byte) in 100 topics: 0.4-0.5 s including RocksDB's
 *     native-library load, WAL replay and one floor seek per topic.</li>
 * </ul>
 */
final class StoreDb implements AutoCloseable {
    private static final long SMALL_CF_WRITE_BUFFER = 8L << 20;

    private final Path dir;
    private final RocksDB db;
    private final EnumMap<Cf, ColumnFamilyHandle> handles;
    private final List<AbstractNativeReference> owned;
    private final WriteOptions syncWrite;
    private final WriteOptions asyncWrite;
    private final ReadOptions readOptions;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final BackgroundErrors backgroundErrors;
    private final FaultInjector injector;
    private final DirectoryClaims.Claim claim;
    private volatile FaultInjection faults = FaultInjection.NONE;
    private boolean closed;

    private StoreDb(Path dir, RocksDB db, EnumMap<Cf, ColumnFamilyHandle> handles, List<AbstractNativeReference> owned,
                    BackgroundErrors backgroundErrors, FaultInjector injector, DirectoryClaims.Claim claim) {
        this.dir = dir;
        this.db = db;
        this.handles = handles;
        this.owned = owned;
        this.backgroundErrors = backgroundErrors;
        this.injector = injector;
        this.claim = claim;
        this.syncWrite = new WriteOptions().setSync(true);
        this.asyncWrite = new WriteOptions().setSync(false);
        this.readOptions = new ReadOptions();
    }

    /** Opens (creating if needed) the store's RocksDB read-write; {@code injector} runs before every write. */
    static StoreDb open(Path dir, long writeBufferBytes, FaultInjector injector) {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException(StorageError.STORE_FAILED, "cannot create data directory " + dir + ": " + e, e);
        }
        DirectoryClaims.Claim claim = DirectoryClaims.claim(dir, "an open store");
        try {
            return openClaimed(dir, writeBufferBytes, injector, claim);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    private static StoreDb openClaimed(Path dir, long writeBufferBytes, FaultInjector injector, DirectoryClaims.Claim claim) {
        List<AbstractNativeReference> owned = new ArrayList<>();
        LRUCache cache = new LRUCache(64L << 20);
        owned.add(cache);
        BackgroundErrors backgroundErrors = new BackgroundErrors(dir.toString());
        owned.add(backgroundErrors);
        DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2).setBytesPerSync(1 << 20).setMaxTotalWalSize(Math.max(4 * writeBufferBytes, 64L << 20))
                .setKeepLogFileNum(4).setMaxLogFileSize(16L << 20).setListeners(List.of(backgroundErrors));
        owned.add(dbOptions);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        ColumnFamilyOptions small = cfOptions(SMALL_CF_WRITE_BUFFER, cache, CompressionType.LZ4_COMPRESSION);
        owned.add(small);
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, small));
        for (Cf cf : Cf.values()) {
            ColumnFamilyOptions options = cf == Cf.LOG ? cfOptions(writeBufferBytes, cache, CompressionType.NO_COMPRESSION) : small;
            if (options != small) {
                owned.add(options);
            }
            descriptors.add(new ColumnFamilyDescriptor(cf.rocksName(), options));
        }
        List<ColumnFamilyHandle> handleList = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handleList);
        } catch (RocksDBException e) {
            java.util.Collections.reverse(owned);
            closeAll(owned);
            throw openFailure(dir, e);
        }
        OwnerFile.write(dir);
        EnumMap<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
        owned.add(0, handleList.get(0));
        for (Cf cf : Cf.values()) {
            handles.put(cf, handleList.get(cf.ordinal() + 1));
        }
        return new StoreDb(dir, db, handles, owned, backgroundErrors, injector, claim);
    }

    /**
     * Opens an existing store's RocksDB read-only, with whichever of its column families exist
     * ({@link #has} tells which). Writes nothing into the directory and takes no lock: the caller
     * ({@link RocksStoreCheck}) makes sure no store holds the directory.
     */
    static StoreDb openReadOnly(Path dir) {
        RocksDB.loadLibrary();
        List<byte[]> existing;
        try (Options listing = new Options()) {
            existing = RocksDB.listColumnFamilies(listing, dir.toString());
        } catch (RocksDBException e) {
            throw failure("listing the column families of " + dir, e);
        }
        List<AbstractNativeReference> owned = new ArrayList<>();
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        DBOptions dbOptions = new DBOptions();
        owned.add(cfOptions);
        owned.add(dbOptions);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        List<Cf> present = new ArrayList<>();
        for (Cf cf : Cf.values()) {
            if (existing.stream().anyMatch(name -> java.util.Arrays.equals(name, cf.rocksName()))) {
                present.add(cf);
                descriptors.add(new ColumnFamilyDescriptor(cf.rocksName(), cfOptions));
            }
        }
        List<ColumnFamilyHandle> handleList = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handleList);
        } catch (RocksDBException e) {
            java.util.Collections.reverse(owned);
            closeAll(owned);
            throw failure("opening " + dir + " read-only", e);
        }
        EnumMap<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
        owned.add(0, handleList.get(0));
        for (int i = 0; i < present.size(); i++) {
            handles.put(present.get(i), handleList.get(i + 1));
        }
        return new StoreDb(dir, db, handles, owned, null, FaultInjector.NONE, null);
    }

    private static ColumnFamilyOptions cfOptions(long writeBuffer, LRUCache cache, CompressionType compression) {
        return new ColumnFamilyOptions().setWriteBufferSize(writeBuffer).setCompressionType(compression)
                .setLevelCompactionDynamicLevelBytes(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(32 << 10));
    }

    private static StorageException openFailure(Path dir, RocksDBException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("lock") || message.contains("LOCK")) {
            return new StorageException(StorageError.STORE_FAILED, "data directory " + dir
                    + " is in use by another Strand process (" + OwnerFile.read(dir) + "; or a 'strand check' of it is running);"
                    + " stop it or choose another data directory (RocksDB: " + message + ")", e);
        }
        return failure("opening data directory " + dir, e);
    }

    /**
     * The translation of a RocksDB error on a read: CORRUPT_RECORD when RocksDB found the stored data
     * corrupt (a block checksum mismatch in an SST file) — not retriable: retrying reads the same bytes
     * — else as {@link #failure}.
     */
    static StorageException readFailure(String doing, RocksDBException e) {
        if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption) {
            return new StorageException(StorageError.CORRUPT_RECORD, "the stored data is corrupt: RocksDB failed while "
                    + doing + ": " + describe(e) + "; run 'strand check' on the data directory (with the broker"
                    + " stopped) to see what is affected", e);
        }
        return failure(doing, e);
    }

    /** The one translation of RocksDB errors: STORE_FAILED naming what was being done. */
    static StorageException failure(String doing, RocksDBException e) {
        return new StorageException(StorageError.STORE_FAILED, "storage I/O failed while " + doing + ": " + describe(e), e);
    }

    /** RocksDB's message with its status code, e.g. {@code block checksum mismatch: ... [Corruption]}. */
    static String describe(RocksDBException e) {
        return e.getMessage() + (e.getStatus() == null ? "" : " [" + e.getStatus().getCodeString() + "]");
    }

    Path dir() {
        return dir;
    }

    ColumnFamilyHandle cf(Cf cf) {
        return handles.get(cf);
    }

    /** False only for a column family missing from a directory opened with {@link #openReadOnly}. */
    boolean has(Cf cf) {
        return handles.containsKey(cf);
    }

    /**
     * A failure when RocksDB counts failed background jobs (property {@code rocksdb.background-errors}:
     * flushes and compactions that failed), else empty; empty once closed. Any thread.
     *
     * <p>Why poll when {@link BackgroundErrors} listens: RocksJava 11.8 cannot deliver a background error
     * whose reason is newer than its {@code BackgroundErrorReason} enum — a flush with no WAL data to
     * retain ({@code kFlushNoWAL}), a MANIFEST write — because its JNI proxy throws before the listener
     * runs. Seen on a full tmpfs: the flush failed with ENOSPC and no listener heard of it. The count
     * has no message; RocksDB's own LOG file in the directory has the details.
     */
    java.util.Optional<StorageException> backgroundFailure() {
        long errors;
        try {
            enterRead();
        } catch (StorageException closedAlready) {
            return java.util.Optional.empty();
        }
        try {
            errors = db.getLongProperty("rocksdb.background-errors");
        } catch (RocksDBException e) {
            return java.util.Optional.of(failure("reading RocksDB's background error count", e));
        } finally {
            exitRead();
        }
        if (errors == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new StorageException(StorageError.STORE_FAILED, "storage I/O failed: RocksDB counts "
                + errors + " failed background flush or compaction job(s) in " + dir + " (a full disk?; its LOG file there"
                + " says why); the store refuses writes until it is reopened"));
    }

    /** Where RocksDB's background errors go from now on (a read-only database has none). */
    void onBackgroundError(java.util.function.Consumer<StorageException> sink) {
        if (backgroundErrors != null) {
            backgroundErrors.sink(sink);
        }
    }

    /**
     * Writes the batch, syncing the WAL first when {@code sync}. Writer thread only. The configured
     * {@link FaultInjector} and then the package's test hook run first; an IOException from the
     * injector becomes the RocksDBException a real disk error would be.
     */
    void write(WriteBatch batch, boolean sync) throws RocksDBException {
        try {
            injector.beforeWrite();
        } catch (IOException e) {
            throw new RocksDBException(String.valueOf(e.getMessage()), new Status(Status.Code.IOError, Status.SubCode.None,
                    String.valueOf(e.getMessage())));
        }
        faults.beforeWrite();
        db.write(sync ? syncWrite : asyncWrite, batch);
    }

    byte[] get(Cf cf, byte[] key) throws RocksDBException {
        return db.get(handles.get(cf), readOptions, key);
    }

    /** An iterator with its own implicit snapshot; close it before {@link #exitRead()}. */
    RocksIterator iterator(Cf cf) {
        return db.newIterator(handles.get(cf), readOptions);
    }

    /** Opens an iterator with the given read options (which must outlive it). */
    @FunctionalInterface
    interface IteratorFactory {
        RocksIterator open(ReadOptions options);
    }

    /**
     * An iterator over the keys {@code [lower, upper)} of {@code cf} only, with its own implicit
     * snapshot; close it before {@link #exitRead()}.
     */
    BoundedIterator iterator(Cf cf, byte[] lower, byte[] upper) {
        ColumnFamilyHandle handle = handles.get(cf);
        return new BoundedIterator(options -> db.newIterator(handle, options), lower, upper);
    }

    /** Enters a read section; fails with CLOSED once {@link #close} has begun. */
    void enterRead() {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new StorageException(StorageError.CLOSED, "the store in " + dir + " is closed");
        }
    }

    void exitRead() {
        lifecycle.readLock().unlock();
    }

    void injectFaults(FaultInjection injection) {
        this.faults = injection;
    }

    /** {@link #close(boolean) close(true)}. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * Flushes memtables when {@code flush} (so the next open replays no WAL) and frees every native
     * object, handles before the database and the database before its options and listener (RocksDB's
     * close joins its background threads, so no callback can reach a freed listener). Waits for running
     * reads. Idempotent. A failed store is closed without flushing; a read-only one never flushes.
     */
    void close(boolean flush) {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (flush && !readOnly()) {
                flush();
            }
            handles.values().forEach(ColumnFamilyHandle::close);
            owned.get(0).close();
            db.close();
            syncWrite.close();
            asyncWrite.close();
            readOptions.close();
            List<AbstractNativeReference> options = new ArrayList<>(owned.subList(1, owned.size()));
            java.util.Collections.reverse(options);
            closeAll(options);
        } finally {
            if (claim != null) {
                claim.close();
            }
            lifecycle.writeLock().unlock();
        }
    }

    private boolean readOnly() {
        return backgroundErrors == null;
    }

    private void flush() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, new ArrayList<>(handles.values()));
            db.syncWal();
        } catch (RocksDBException e) {
            org.slf4j.LoggerFactory.getLogger(StoreDb.class).warn("flush on close of {} failed; the next open replays the WAL", dir, e);
        }
    }

    private static void closeAll(List<AbstractNativeReference> objects) {
        for (AbstractNativeReference o : objects) {
            o.close();
        }
    }

    /** A test seam at the storage boundary: runs before every write and may throw to simulate an I/O error. */
    @FunctionalInterface
    interface FaultInjection {
        FaultInjection NONE = () -> {
        };

        void beforeWrite() throws RocksDBException;
    }
}
