package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static io.strand.storage.rocksdb.TestStores.records;
import static io.strand.storage.rocksdb.TestStores.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.AppendResult;
import io.strand.storage.Record;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicConfig;
import io.strand.storage.TopicLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

class FailureTest {
    @TempDir
    Path dir;

    @Test
    void anInjectedWriteFaultIsStickyReadsGoOnAndReopenRecoversEverythingAcknowledged() {
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            append(log, records("ok", 5));
            store.failNextWrite("injected: disk on fire");

            StorageException first = assertThrows(StorageException.class, () -> append(log, records("lost", 2)));
            assertEquals(StorageError.STORE_FAILED, first.error());
            assertTrue(first.getMessage().contains("disk on fire"), first.getMessage());
            StorageException later = assertThrows(StorageException.class, () -> append(log, records("later", 1)));
            assertEquals(StorageError.STORE_FAILED, later.error(), "the failure is sticky although the fault was one-shot");
            assertEquals(StorageError.STORE_FAILED, assertThrows(StorageException.class,
                    () -> store.cursors().putSubscription("s", new byte[0])).error());
            assertEquals(StorageError.STORE_FAILED, assertThrows(StorageException.class,
                    () -> store.createTopic("u", TopicConfig.DEFAULTS)).error());
            assertTrue(store.failure().isPresent());
            assertTrue(store.failure().get().getMessage().contains("disk on fire"));

            assertEquals(5, log.endOffset(), "nothing of the failed group is visible");
            assertEquals(List.of("ok0", "ok1", "ok2", "ok3", "ok4"), texts(log.read(0, 10, Long.MAX_VALUE).records()));
        }
        try (RocksLogStore store = TestStores.open(dir)) {
            assertTrue(store.failure().isEmpty());
            TopicLog log = store.log("t");
            assertEquals(5, log.endOffset());
            assertEquals(5, append(log, records("again", 1)).baseOffset());
        }
    }

    @Test
    void everyPendingAppendOfTheFailedGroupFails() throws Exception {
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            store.injectFault(() -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new org.rocksdb.RocksDBException("injected");
            });
            CompletableFuture<AppendResult> holder = log.append(records("h", 1));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pending.add(log.append(records("p" + i, 1)));
            }
            release.countDown();
            pending.add(holder);
            for (CompletableFuture<AppendResult> f : pending) {
                assertEquals(StorageError.STORE_FAILED, assertThrows(StorageException.class, () -> TestStores.await(f)).error());
            }
            assertEquals(0, log.endOffset());
        }
    }

    @Test
    void aCorruptBatchFailsTheReadWithTopicAndOffsetsAndIsNeverReturned() throws Exception {
        long topicId;
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            append(log, records("a", 3));
            append(log, records("b", 4));
            append(log, records("c", 2));
            topicId = log.info().id();
        }
        flipAByteOfBatch(topicId, 3);
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.log("t");
            assertEquals(List.of("a0", "a1", "a2"), texts(log.read(0, 3, Long.MAX_VALUE).records()));
            StorageException e = assertThrows(StorageException.class, () -> log.read(0, 100, Long.MAX_VALUE));
            assertEquals(StorageError.CORRUPT_RECORD, e.error());
            assertTrue(e.getMessage().contains("'t'") && e.getMessage().contains("[3, 7)"), e.getMessage());
            assertEquals(StorageError.CORRUPT_RECORD, assertThrows(StorageException.class, () -> log.read(5, 1, 1)).error());
            assertEquals(StorageError.CORRUPT_RECORD, assertThrows(StorageException.class, () -> log.timestampAt(4)).error());
            assertEquals(List.of("c0", "c1"), texts(log.read(7, 10, Long.MAX_VALUE).records()), "the rest stays readable");
        }
    }

    /** Opens the directory with plain RocksDB, as a disk error would, and flips one payload byte. */
    private void flipAByteOfBatch(long topicId, long baseOffset) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (Cf cf : Cf.values()) {
            descriptors.add(new ColumnFamilyDescriptor(cf.rocksName()));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            ColumnFamilyHandle log = handles.get(Cf.LOG.ordinal() + 1);
            byte[] key = Keys.log(topicId, baseOffset);
            byte[] value = db.get(log, key);
            value[value.length - 2] ^= 0x40;
            db.put(log, key, value);
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void aFullQueueMakesAppendsWaitThenFailBusy() throws Exception {
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).appendQueueRecords(10)
                .appendQueueWait(Duration.ofMillis(100)).build())) {
            TopicLog log = store.getOrCreate("t");
            CountDownLatch release = new CountDownLatch(1);
            store.injectFault(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<AppendResult> holding = log.append(records("a", 10));
            StorageException busy = assertThrows(StorageException.class, () -> TestStores.await(log.append(records("b", 1))));
            assertEquals(StorageError.BUSY, busy.error());
            assertTrue(busy.error().retriable());
            store.injectFault(StoreDb.FaultInjection.NONE);
            release.countDown();
            assertEquals(0, TestStores.await(holding).baseOffset());
            assertEquals(10, append(log, List.of(Record.of(new byte[1]))).baseOffset(), "room again once the group is written");
            assertTrue(store.failure().isEmpty());
        }
    }
}
