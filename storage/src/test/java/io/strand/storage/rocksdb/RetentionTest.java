package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static io.strand.storage.rocksdb.TestStores.records;
import static io.strand.storage.rocksdb.TestStores.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.OffsetOutOfRangeException;
import io.strand.storage.TopicConfig;
import io.strand.storage.TopicLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;
    private final TestStores.MutableClock clock = new TestStores.MutableClock(10_000_000);

    private RocksLogStore open() {
        return TestStores.open(TestStores.config(dir).clock(clock).build());
    }

    @Test
    void timeRetentionDropsOldBatchesOnlyAndKeepsOffsets() {
        try (RocksLogStore store = open()) {
            TopicLog log = store.log(store.createTopic("t", new TopicConfig(Optional.of(Duration.ofMinutes(1)),
                    OptionalLong.empty(), Optional.empty())).name());
            TopicLog keep = store.getOrCreate("keep");
            append(log, records("old", 3));
            append(keep, records("k", 3));
            clock.advance(Duration.ofSeconds(30));
            append(log, records("mid", 3));
            clock.advance(Duration.ofSeconds(40));
            append(log, records("new", 3));
            long sizeBefore = log.info().sizeBytes();

            assertEquals(1, store.enforceRetention());
            assertEquals(3, log.startOffset());
            assertEquals(9, log.endOffset());
            assertTrue(log.info().sizeBytes() < sizeBefore);
            assertEquals(List.of("mid0", "mid1", "mid2", "new0", "new1", "new2"), texts(TestStores.readAll(log)));
            assertEquals(3, log.read(3, 1, 1).records().get(0).offset());
            OffsetOutOfRangeException below = assertThrows(OffsetOutOfRangeException.class, () -> log.read(2, 10, 100));
            assertEquals(3, below.logStartOffset());
            assertEquals(OptionalLong.of(3), log.offsetForTimestamp(0), "the earliest timestamp maps to the log start");
            assertEquals(OptionalLong.empty(), log.timestampAt(0));
            assertEquals(0, keep.startOffset(), "topics without retention keep everything");
        }
    }

    @Test
    void timeRetentionMayEmptyATopicAndOffsetsGoOnAcrossReopen() {
        try (RocksLogStore store = open()) {
            TopicLog log = store.log(store.createTopic("t", new TopicConfig(Optional.of(Duration.ofMinutes(1)),
                    OptionalLong.empty(), Optional.empty())).name());
            append(log, records("a", 4));
            clock.advance(Duration.ofMinutes(2));
            assertEquals(1, store.enforceRetention());
            assertEquals(4, log.startOffset());
            assertEquals(4, log.endOffset());
            assertEquals(0, log.info().sizeBytes());
            assertTrue(log.read(4, 10, 100).records().isEmpty());
        }
        try (RocksLogStore store = open()) {
            TopicLog log = store.log("t");
            assertEquals(4, log.startOffset());
            assertEquals(4, log.endOffset());
            assertEquals(4, append(log, records("b", 1)).baseOffset());
            assertEquals(List.of("b0"), texts(log.read(4, 10, Long.MAX_VALUE).records()));
        }
    }

    @Test
    void sizeRetentionTrimsTheOldestBatchesUntilTheLogFits() {
        try (RocksLogStore store = open()) {
            TopicLog log = store.log(store.createTopic("t", new TopicConfig(Optional.empty(), OptionalLong.of(1000),
                    Optional.empty())).name());
            for (int i = 0; i < 10; i++) {
                append(log, List.of(io.strand.storage.Record.of(new byte[300])));
            }
            int deleted = store.enforceRetention();
            assertTrue(deleted >= 6, "deleted " + deleted);
            assertTrue(log.info().sizeBytes() <= 1000, "size " + log.info().sizeBytes());
            assertEquals(deleted, log.startOffset());
            assertEquals(10, log.endOffset());
            assertEquals(10 - deleted, TestStores.readAll(log).size());
            assertEquals(0, store.enforceRetention(), "a second run finds nothing more to do");
        }
        try (RocksLogStore store = open()) {
            assertTrue(store.log("t").info().sizeBytes() <= 1000, "size is persisted");
        }
    }

    @Test
    void theBackgroundTaskRunsRetentionByItself() throws InterruptedException {
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).clock(clock)
                .retentionCheckInterval(Duration.ofMillis(20)).build())) {
            TopicLog log = store.log(store.createTopic("t", new TopicConfig(Optional.of(Duration.ofSeconds(1)),
                    OptionalLong.empty(), Optional.empty())).name());
            append(log, records("a", 2));
            clock.advance(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.startOffset() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, log.startOffset());
        }
    }
}
