package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.await;
import static io.strand.storage.rocksdb.TestStores.records;
import static io.strand.storage.rocksdb.TestStores.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.AppendResult;
import io.strand.storage.ProducerBatch;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicLog;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotenceTest {
    @TempDir
    Path dir;

    private static AppendResult send(TopicLog log, long producer, long sequence, String prefix) {
        return await(log.append(records(prefix, 2), Optional.of(new ProducerBatch(producer, sequence))));
    }

    @Test
    void aRetryReturnsTheOriginalOffsetsAndAppendsNothingAcrossReopen() {
        long producer;
        AppendResult original;
        try (RocksLogStore store = TestStores.open(dir)) {
            producer = store.newProducerId();
            TopicLog log = store.getOrCreate("t");
            original = send(log, producer, 0, "a");
            send(log, producer, 1, "b");
            AppendResult retry = send(log, producer, 0, "a");
            assertTrue(retry.duplicate());
            assertFalse(original.duplicate());
            assertEquals(original.baseOffset(), retry.baseOffset());
            assertEquals(original.count(), retry.count());
            assertEquals(original.timestamp(), retry.timestamp());
            assertEquals(4, log.endOffset());
        }
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.log("t");
            AppendResult retry = send(log, producer, 0, "a");
            assertTrue(retry.duplicate());
            assertEquals(original.baseOffset(), retry.baseOffset());
            assertEquals(4, log.endOffset());
            assertEquals(4, send(log, producer, 2, "c").baseOffset(), "the producer continues after reopen");
            assertEquals(List.of("a0", "a1", "b0", "b1", "c0", "c1"), texts(log.read(0, 100, Long.MAX_VALUE).records()));
        }
    }

    @Test
    void gapsAndForgottenSequencesAreOutOfOrderWithAClearMessage() {
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            long producer = store.newProducerId();
            for (int seq = 10; seq < 20; seq++) {
                send(log, producer, seq, "s" + seq);
            }
            StorageException gap = assertThrows(StorageException.class, () -> send(log, producer, 21, "x"));
            assertEquals(StorageError.OUT_OF_ORDER_SEQUENCE, gap.error());
            assertTrue(gap.getMessage().contains("next expected sequence is 20"), gap.getMessage());
            StorageException old = assertThrows(StorageException.class, () -> send(log, producer, 12, "x"));
            assertEquals(StorageError.OUT_OF_ORDER_SEQUENCE, old.error());
            assertTrue(old.getMessage().contains("older than"), old.getMessage());
            assertTrue(send(log, producer, 15, "x").duplicate(), "the last five are remembered");
            assertEquals(20, log.endOffset());
            assertEquals(0, send(store.getOrCreate("other"), producer, 7, "o").baseOffset(),
                    "sequences are per topic: a producer's first batch on a topic may start anywhere");
        }
    }

    @Test
    void twoCopiesOfABatchInOneGroupAreAppendedOnce() throws InterruptedException {
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.getOrCreate("t");
            long producer = store.newProducerId();
            // Hold the writer with a slow fault hook so both copies land in one group.
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
            store.injectFault(() -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<AppendResult> blocker = log.append(records("z", 1));
            assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));
            CompletableFuture<AppendResult> a = log.append(records("a", 2), Optional.of(new ProducerBatch(producer, 0)));
            CompletableFuture<AppendResult> b = log.append(records("a", 2), Optional.of(new ProducerBatch(producer, 0)));
            store.injectFault(StoreDb.FaultInjection.NONE);
            release.countDown();
            await(blocker);
            assertFalse(await(a).duplicate());
            assertTrue(await(b).duplicate());
            assertEquals(await(a).baseOffset(), await(b).baseOffset());
            assertEquals(3, log.endOffset());
        }
    }

    @Test
    void producerIdsAreNeverReusedAcrossReopen() {
        Set<Long> ids = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            try (RocksLogStore store = TestStores.open(dir)) {
                for (int i = 0; i < 5; i++) {
                    assertTrue(ids.add(store.newProducerId()));
                }
            }
        }
        assertEquals(15, ids.size());
        assertNotEquals(0, ids.stream().mapToLong(Long::longValue).min().orElseThrow());
    }

    @Test
    void deletingATopicForgetsItsProducerState() {
        try (RocksLogStore store = TestStores.open(dir)) {
            long producer = store.newProducerId();
            send(store.getOrCreate("t"), producer, 5, "a");
            store.deleteTopic("t");
            assertFalse(send(store.getOrCreate("t"), producer, 5, "a").duplicate());
        }
    }

    private static int storedProducerStates(Path dir) throws Exception {
        int[] n = {0};
        RawRocks.edit(dir, (db, cf) -> {
            try (org.rocksdb.RocksIterator it = db.newIterator(cf.of(Cf.PRODUCERS))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    n[0]++;
                }
            }
        });
        return n[0];
    }

    /** Anyone can ask for producer ids: their state must not grow without bound, in memory or on disk. */
    @Test
    void producerStatesBeyondTheMaximumAreForgottenLeastRecentlyUsedFirst() throws Exception {
        long a;
        long b;
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).producerStatesMax(2).build())) {
            TopicLog log = store.getOrCreate("t");
            a = store.newProducerId();
            b = store.newProducerId();
            long c = store.newProducerId();
            send(log, a, 0, "a");
            send(log, b, 0, "b");
            send(log, c, 0, "c"); // a is the least recently used: forgotten

            assertTrue(send(log, b, 0, "b").duplicate(), "b is still remembered");
            AppendResult aAgain = send(log, a, 0, "a");
            assertFalse(aAgain.duplicate(), "a was forgotten, so its batch counts as its first");
            assertEquals(6, aAgain.baseOffset());
        }
        assertEquals(2, storedProducerStates(dir), "the forgotten states' keys are deleted too");
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).producerStatesMax(2).build())) {
            assertTrue(send(store.log("t"), a, 0, "a").duplicate(), "what is remembered survives a reopen");
        }
    }

    @Test
    void aProducerSilentLongerThanTheExpiryIsForgotten() throws Exception {
        TestStores.MutableClock clock = new TestStores.MutableClock(1_000_000);
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).clock(clock)
                .producerStateExpiry(java.time.Duration.ofMinutes(10)).build())) {
            TopicLog log = store.getOrCreate("t");
            long quiet = store.newProducerId();
            long busy = store.newProducerId();
            send(log, quiet, 0, "q");
            clock.advance(java.time.Duration.ofMinutes(9));
            send(log, busy, 0, "b");
            assertTrue(send(log, quiet, 0, "q").duplicate(), "within the expiry a retry is recognised");
            clock.advance(java.time.Duration.ofMinutes(11));
            send(log, busy, 1, "b"); // the quiet producer's last append is now 11 minutes old
            assertFalse(send(log, quiet, 0, "q").duplicate(), "past the expiry its state is gone");
        }
        assertEquals(2, storedProducerStates(dir));
    }
}
