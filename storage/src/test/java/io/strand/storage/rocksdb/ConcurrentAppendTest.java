package io.strand.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.Record;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 threads append concurrently (pipelined futures, so groups really form) to 3 topics while a reader
 * tails one of them; afterwards every topic is dense and holds each thread's records exactly once, in
 * that thread's order.
 */
class ConcurrentAppendTest {
    private static final int THREADS = 8;
    private static final int BATCHES_PER_THREAD = 600;
    private static final String[] TOPICS = {"t0", "t1", "t2"};

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersGetDenseOffsetsAndKeepTheirOwnOrder() throws Exception {
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).defaultDurability(Durability.FSYNC).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> appendFrom(store, thread)));
                }
                Future<Integer> tail = pool.submit(() -> tailWhileAppending(store.getOrCreate("t0"), work));
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
                assertTrue(tail.get(60, TimeUnit.SECONDS) >= 0);
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            int total = 0;
            for (String topic : TOPICS) {
                total += checkTopic(store.log(topic), seen);
            }
            assertEquals(THREADS * BATCHES_PER_THREAD * 3, total, "every record of every batch");
            assertEquals(total, seen.size(), "no record twice");
            assertTrue(store.failure().isEmpty());
        }
    }

    private static void appendFrom(RocksLogStore store, int thread) {
        List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
        for (int b = 0; b < BATCHES_PER_THREAD; b++) {
            TopicLog log = store.getOrCreate(TOPICS[(thread + b) % TOPICS.length]);
            List<Record> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batch.add(Record.of((thread + ":" + (b * 3 + i)).getBytes(StandardCharsets.UTF_8)));
            }
            inFlight.add(log.append(batch));
            if (inFlight.size() == 10) {
                inFlight.forEach(TestStores::await);
                inFlight.clear();
            }
        }
        inFlight.forEach(TestStores::await);
    }

    private static int tailWhileAppending(TopicLog log, List<Future<?>> writers) {
        long offset = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean done = writers.stream().allMatch(Future::isDone);
            var r = log.read(offset, 50, Long.MAX_VALUE);
            for (StoredRecord rec : r.records()) {
                assertEquals(offset++, rec.offset(), "a tailing reader sees dense offsets, never a gap");
            }
            if (done && offset == log.endOffset()) {
                return (int) offset;
            }
        }
        throw new AssertionError("tail did not catch up");
    }

    private static int checkTopic(TopicLog log, java.util.Set<String> seen) {
        List<StoredRecord> all = TestStores.readAll(log);
        assertEquals(log.endOffset(), all.size());
        Map<Integer, Integer> lastSeqByThread = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            StoredRecord r = all.get(i);
            assertEquals(i, r.offset(), "dense offsets");
            seen.add(TestStores.text(r));
            String[] parts = TestStores.text(r).split(":");
            int thread = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            Integer last = lastSeqByThread.put(thread, seq);
            assertTrue(last == null || seq > last, "thread " + thread + "'s records keep their order in " + log.name());
        }
        assertEquals(THREADS, lastSeqByThread.size());
        return all.size();
    }
}
