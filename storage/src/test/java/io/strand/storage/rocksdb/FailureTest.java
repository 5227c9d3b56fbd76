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
        RawRocks.flipAByteOfBatch(dir, topicId, 3);
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

    @Test
    void aCorruptLastBatchNoLongerKeepsTheStoreFromOpening() throws Exception {
        long topicId;
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            append(log, records("a", 3));
            append(log, records("b", 4));
            append(store.getOrCreate("other"), records("o", 1));
            topicId = log.info().id();
        }
        RawRocks.flipAByteOfBatch(dir, topicId, 3);
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.log("t");
            assertEquals(7, log.endOffset(), "the corrupt last batch's count comes from its time-index entry");
            assertEquals(List.of("a0", "a1", "a2"), texts(log.read(0, 3, Long.MAX_VALUE).records()));
            StorageException e = assertThrows(StorageException.class, () -> log.read(3, 10, Long.MAX_VALUE));
            assertEquals(StorageError.CORRUPT_RECORD, e.error());
            assertTrue(e.getMessage().contains("[3, 7)"), e.getMessage());
            assertEquals(7, append(log, records("c", 2)).baseOffset(), "appends go on after the corrupt batch");
            assertEquals(List.of("c0", "c1"), texts(log.read(7, 10, Long.MAX_VALUE).records()));
            assertEquals(1, store.log("other").endOffset(), "the other topics are untouched");
        }
    }

    @Test
    void aTopicDeletionThatFailsLeavesTheTopicReadable() {
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            append(log, records("a", 3));
            store.failNextWrite("injected: cannot delete");

            assertEquals(StorageError.STORE_FAILED, assertThrows(StorageException.class, () -> store.deleteTopic("t")).error());

            assertEquals(List.of("a0", "a1", "a2"), texts(store.log("t").read(0, 10, Long.MAX_VALUE).records()),
                    "a failed store keeps serving reads, of a topic it failed to delete too");
            assertEquals(List.of("a0", "a1", "a2"), texts(log.read(0, 10, Long.MAX_VALUE).records()));
            assertEquals(List.of("t"), store.topics().stream().map(i -> i.name()).toList());
        }
        try (RocksLogStore store = TestStores.open(dir)) {
            assertEquals(3, store.log("t").endOffset(), "the delete never reached disk");
        }
    }

    @Test
    void aListenerThatThrowsAnErrorDoesNotStopTheWriter() {
        try (RocksLogStore store = TestStores.open(dir)) {
            store.addListener(new io.strand.storage.LogListener() {
                @Override
                public void appended(String topic, long endOffset) {
                    throw new AssertionError("a test's listener failed");
                }
            });
            TopicLog log = store.getOrCreate("t");
            for (int i = 0; i < 3; i++) {
                assertEquals(i, append(log, records("a" + i, 1)).baseOffset());
            }
            assertTrue(store.failure().isEmpty());
        }
    }

    @Test
    void aVirtualMachineErrorOnTheWriterFailsTheStoreInsteadOfHangingIt() {
        RocksLogStore store = TestStores.open(dir);
        try {
            TopicLog log = store.getOrCreate("t");
            store.addListener(new io.strand.storage.LogListener() {
                @Override
                public void appended(String topic, long endOffset) {
                    throw new StackOverflowError("simulated");
                }
            });
            assertEquals(0, append(log, records("a", 1)).baseOffset(), "the batch was stored before the listener ran");
            StorageException later = assertThrows(StorageException.class, () -> append(log, records("b", 1)));
            assertEquals(StorageError.STORE_FAILED, later.error());
            assertTrue(later.getMessage().contains("StackOverflowError"), later.getMessage());
            assertTrue(store.failure().isPresent());
            assertEquals(List.of("a0"), texts(log.read(0, 10, Long.MAX_VALUE).records()));
        } finally {
            store.close();
        }
        try (RocksLogStore store2 = TestStores.open(dir)) {
            assertEquals(1, store2.log("t").endOffset());
        }
    }

    @Test
    void aCloseAttemptedFromAListenerIsRefusedAndTheRealCloseStillCloses() {
        RocksLogStore store = TestStores.open(dir);
        List<Throwable> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addListener(new io.strand.storage.LogListener() {
            @Override
            public void appended(String topic, long endOffset) {
                try {
                    store.close();
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            }
        });
        append(store.getOrCreate("t"), records("a", 1));
        assertEquals(1, append(store.getOrCreate("t"), records("b", 1)).baseOffset(), "the store is still open");
        assertTrue(refused.size() >= 1, "closing from the writer thread is refused (the first append's listener has run"
                + " before the second append completes)");
        store.close();
        try (RocksLogStore again = TestStores.open(dir)) {
            assertEquals(2, again.log("t").endOffset(), "the real close released the directory");
        }
    }

    @Test
    void aCorruptRocksDbBlockFailsReadsAsCorruptNotAsARetriableFailure() throws Exception {
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            for (int i = 0; i < 200; i++) {
                append(log, List.of(Record.of(new byte[1000])));
            }
        }
        Path sst;
        try (var files = java.nio.file.Files.list(dir)) {
            sst = files.filter(f -> f.toString().endsWith(".sst")).max(java.util.Comparator.comparingLong(f -> f.toFile().length()))
                    .orElseThrow();
        }
        try (var file = java.nio.channels.FileChannel.open(sst, java.nio.file.StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.wrap(new byte[] {0x5A, 0x5A, 0x5A, 0x5A}), 2000);
        }
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.log("t");
            StorageException e = assertThrows(StorageException.class, () -> log.read(0, 10, Long.MAX_VALUE));
            assertEquals(StorageError.CORRUPT_RECORD, e.error(), e.getMessage());
            assertTrue(!e.error().retriable() && e.getMessage().contains("strand check"), e.getMessage());
            assertTrue(store.failure().isEmpty(), "a corrupt block is not a failure of the store's writes");
            assertEquals(199, append(log, records("more", 1)).baseOffset() - 1);
        }
        io.strand.storage.CheckReport report = io.strand.storage.StoreCheck.check(dir);
        assertTrue(report.problems().stream().anyMatch(f -> f.kind() == io.strand.storage.CheckFinding.Kind.STORE
                && f.topic().equals(java.util.Optional.of("t")) && f.detail().contains("Corruption")), report::toString);
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
