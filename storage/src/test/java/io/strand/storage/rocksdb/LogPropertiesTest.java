package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.AppendResult;
import io.strand.storage.ReadResult;
import io.strand.storage.Record;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicConfig;
import io.strand.storage.TopicLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Log invariants checked over random histories, one per seed (the seed is in the test name and every
 * failure message). Counts are bounded so each seed runs in well under a second.
 */
class LogPropertiesTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 1234, 98765})
    void readsReturnExactlyWhatWasAppendedAndOffsetsStayDenseAcrossReopen(long seed) throws Exception {
        Random random = new Random(seed);
        Path dir = Files.createDirectories(root.resolve("s" + seed));
        List<byte[]> appended = new ArrayList<>();
        for (int session = 0; session < 3; session++) {
            try (RocksLogStore store = TestStores.open(dir)) {
                TopicLog log = store.getOrCreate("t");
                assertEquals(appended.size(), log.endOffset(), "seed " + seed + ": end offset after reopen");
                int batches = 5 + random.nextInt(20);
                for (int b = 0; b < batches; b++) {
                    List<Record> batch = randomBatch(random);
                    AppendResult r = append(log, batch);
                    assertEquals(appended.size(), r.baseOffset(), "seed " + seed + ": offsets are dense");
                    batch.forEach(rec -> appended.add(rec.value()));
                }
                for (int q = 0; q < 30; q++) {
                    checkRandomRead(seed, random, log, appended, 0);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11, 2024})
    void retentionRemovesOnlyAPrefixAndNeverRenumbers(long seed) throws Exception {
        Random random = new Random(seed);
        TestStores.MutableClock clock = new TestStores.MutableClock(1_000_000);
        Path dir = Files.createDirectories(root.resolve("r" + seed));
        List<byte[]> appended = new ArrayList<>();
        Map<Long, Long> timestamps = new HashMap<>();
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).clock(clock).build())) {
            TopicLog log = store.log(store.createTopic("t", new TopicConfig(Optional.of(Duration.ofSeconds(60)),
                    OptionalLong.of(20_000 + random.nextInt(20_000)), Optional.empty())).name());
            long previousStart = 0;
            for (int round = 0; round < 40; round++) {
                List<Record> batch = randomBatch(random);
                AppendResult r = append(log, batch);
                for (int i = 0; i < batch.size(); i++) {
                    appended.add(batch.get(i).value());
                    timestamps.put(r.baseOffset() + i, r.timestamp());
                }
                clock.advance(Duration.ofSeconds(random.nextInt(10)));
                if (random.nextInt(4) == 0) {
                    store.enforceRetention();
                    long start = log.startOffset();
                    assertTrue(start >= previousStart, "seed " + seed + ": the start offset never moves back");
                    assertEquals(appended.size(), log.endOffset(), "seed " + seed + ": retention never moves the end");
                    List<StoredRecord> all = TestStores.readAll(log);
                    assertEquals(appended.size() - start, all.size(), "seed " + seed + ": only a prefix is removed");
                    for (StoredRecord rec : all) {
                        assertArrayEquals(appended.get((int) rec.offset()), rec.value(), "seed " + seed + " at " + rec.offset());
                        assertEquals(timestamps.get(rec.offset()), rec.timestamp(), "seed " + seed + " at " + rec.offset());
                    }
                    previousStart = start;
                }
                for (int q = 0; q < 5; q++) {
                    checkRandomRead(seed, random, log, appended, log.startOffset());
                }
            }
        }
    }

    private static List<Record> randomBatch(Random random) {
        int n = 1 + random.nextInt(random.nextInt(4) == 0 ? 200 : 10);
        List<Record> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] value = new byte[random.nextInt(random.nextInt(10) == 0 ? 5000 : 100)];
            random.nextBytes(value);
            batch.add(Record.of(value));
        }
        return batch;
    }

    private static void checkRandomRead(long seed, Random random, TopicLog log, List<byte[]> appended, long start) {
        long end = appended.size();
        long offset = start + (long) (random.nextDouble() * (end - start + 1));
        int maxRecords = 1 + random.nextInt(300);
        long maxBytes = random.nextInt(4) == 0 ? Long.MAX_VALUE : random.nextInt(20_000);
        ReadResult r = log.read(offset, maxRecords, maxBytes);
        String where = "seed " + seed + ": read(" + offset + ", " + maxRecords + ", " + maxBytes + ")";
        assertTrue(r.records().size() <= maxRecords, where);
        assertEquals(offset + r.records().size(), r.nextOffset(), where);
        if (offset < end) {
            assertTrue(!r.records().isEmpty(), where + ": a read below the end returns at least one record");
        }
        long bytes = 0;
        for (int i = 0; i < r.records().size(); i++) {
            StoredRecord rec = r.records().get(i);
            assertEquals(offset + i, rec.offset(), where);
            assertArrayEquals(appended.get((int) rec.offset()), rec.value(), where + " at " + rec.offset());
            bytes += 12 + rec.value().length;
        }
        if (r.records().size() > 1) {
            assertTrue(bytes <= maxBytes, where + ": " + bytes + " bytes");
        }
        if (r.records().size() < maxRecords && r.nextOffset() < end && maxBytes == Long.MAX_VALUE) {
            throw new AssertionError(where + ": stopped early without a reason");
        }
    }
}
