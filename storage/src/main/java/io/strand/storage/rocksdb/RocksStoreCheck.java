package io.strand.storage.rocksdb;

import io.strand.storage.CheckFinding.Kind;
import io.strand.storage.CheckReport;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.StoreCheck;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rocksdb.RocksDBException;

/**
 * The RocksDB implementation of {@link StoreCheck} (which calls {@link #check}); its public entry point.
 *
 * <p>Order: refuse unless no store holds the directory — one of this JVM ({@link DirectoryClaims}), or
 * of another process (a shared {@code fcntl} lock on RocksDB's {@code LOCK} file, which conflicts with
 * the exclusive one every open store holds, and keeps a broker from opening the directory until the
 * check ends) — then open RocksDB read-only and run, in order, {@link TopicsScan}, {@link LogScan}
 * (one {@link TopicWalk} per topic) and {@link ReferenceScan}. Each reads every entry of its families
 * once, in key order; memory does not grow with the size of a log.
 */
public final class RocksStoreCheck {
    private RocksStoreCheck() {
    }

    /** See {@link StoreCheck#check}. */
    public static CheckReport check(Path dataDir) {
        if (!Files.isDirectory(dataDir) || !Files.isRegularFile(dataDir.resolve("CURRENT"))) {
            throw new StorageException(StorageError.INVALID_REQUEST, dataDir + " is not a Strand data directory (it has no"
                    + " RocksDB CURRENT file); give the directory the broker was started with");
        }
        DirectoryClaims.holder(dataDir).ifPresent(holder -> {
            throw new StorageException(StorageError.STORE_FAILED, "cannot check " + dataDir + ": this process holds it ("
                    + holder + "); close the store first");
        });
        try (DirectoryClaims.Claim claim = DirectoryClaims.claim(dataDir, "a running check");
             ProcessLock lock = ProcessLock.acquire(dataDir);
             StoreDb db = StoreDb.openReadOnly(dataDir)) {
            return run(dataDir, db);
        }
    }

    private static CheckReport run(Path dataDir, StoreDb db) {
        Findings findings = new Findings();
        List<Cf> missing = java.util.Arrays.stream(Cf.values()).filter(cf -> !db.has(cf)).toList();
        if (!missing.isEmpty()) {
            missing.forEach(cf -> findings.add(Kind.STORE, "the column family '" + cf.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is missing; this is not a complete Strand data directory, nothing else was checked"));
            return new CheckReport(dataDir, List.of(), findings.all(), new CheckReport.Totals(0, 0, 0, 0, 0, 0, 0));
        }
        SortedMap<Long, CheckedTopic> topics;
        try {
            topics = TopicsScan.run(db, findings);
        } catch (RocksDBException e) {
            findings.add(Kind.STORE, "RocksDB failed to read the topics family: " + e.getMessage());
            topics = new TreeMap<>();
        }
        List<CheckReport.TopicSummary> summaries = LogScan.run(db, topics, findings);
        Map<Long, CheckReport.TopicSummary> byId = summaries.stream()
                .collect(Collectors.toMap(CheckReport.TopicSummary::id, Function.identity()));
        ReferenceScan.Counts counts = ReferenceScan.run(db, byId, findings);
        CheckReport.Totals totals = new CheckReport.Totals(summaries.size(),
                summaries.stream().mapToLong(CheckReport.TopicSummary::batches).sum(),
                summaries.stream().mapToLong(CheckReport.TopicSummary::records).sum(),
                summaries.stream().mapToLong(CheckReport.TopicSummary::bytes).sum(),
                counts.subscriptions(), counts.cursors(), counts.producerStates());
        return new CheckReport(dataDir, summaries, findings.all(), totals);
    }

    /**
     * A shared lock on RocksDB's {@code LOCK} file, held for the whole check. Needs only read access, so
     * a copy on a read-only filesystem can be checked. Safe only after this JVM's {@link DirectoryClaims}
     * claim: closing the channel drops every fcntl lock this process has on the file.
     */
    private static final class ProcessLock implements AutoCloseable {
        private final FileChannel channel;

        private ProcessLock(FileChannel channel) {
            this.channel = channel;
        }

        static ProcessLock acquire(Path dir) {
            FileChannel channel = null;
            try {
                if (!Files.exists(dir.resolve("LOCK"))) {
                    return new ProcessLock(null); // a copy without RocksDB's LOCK file: nothing can hold it
                }
                channel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.READ);
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
                if (lock == null) {
                    throw new StorageException(StorageError.STORE_FAILED, "cannot check " + dir + " while a Strand broker"
                            + " holds it (last opened by " + OwnerFile.read(dir) + "); stop the broker, then check");
                }
                return new ProcessLock(channel);
            } catch (IOException e) {
                close(channel);
                throw new StorageException(StorageError.STORE_FAILED, "cannot lock " + dir.resolve("LOCK") + " to check "
                        + dir + ": " + e, e);
            } catch (RuntimeException e) {
                close(channel);
                throw e;
            }
        }

        @Override
        public void close() {
            close(channel);
        }

        private static void close(FileChannel channel) {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(RocksStoreCheck.class).warn("closing {} failed", channel, e);
            }
        }
    }
}
