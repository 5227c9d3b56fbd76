package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static io.strand.storage.rocksdb.TestStores.record;
import static io.strand.storage.rocksdb.TestStores.records;
import static io.strand.storage.rocksdb.TestStores.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.LogListener;
import io.strand.storage.OffsetOutOfRangeException;
import io.strand.storage.ReadResult;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicConfig;
import io.strand.storage.TopicLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicLogTest {
    @TempDir
    Path dir;
    private final TestStores.MutableClock clock = new TestStores.MutableClock(1_000_000);
    private RocksLogStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(TestStores.config(dir).clock(clock).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void appendsGetDenseOffsetsAndReadBackInOrder() {
        TopicLog log = store.getOrCreate("orders");
        AppendResult first = append(log, records("a", 3));
        AppendResult second = append(log, records("b", 2));
        assertEquals(0, first.baseOffset());
        assertEquals(3, first.count());
        assertEquals(3, second.baseOffset());
        assertEquals(Durability.WAL, second.durability());
        assertEquals(5, log.endOffset());
        ReadResult r = log.read(0, 100, Long.MAX_VALUE);
        assertEquals(List.of("a0", "a1", "a2", "b0", "b1"), texts(r.records()));
        assertEquals(5, r.nextOffset());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, r.records().get(i).offset());
        }
    }

    @Test
    void readStartsInsideABatchAndHonoursMaxRecords() {
        TopicLog log = store.getOrCreate("t");
        append(log, records("a", 5));
        append(log, records("b", 5));
        ReadResult r = log.read(3, 4, Long.MAX_VALUE);
        assertEquals(List.of("a3", "a4", "b0", "b1"), texts(r.records()));
        assertEquals(7, r.nextOffset());
    }

    /** Reads are confined to the topic's own keys: neighbours on either side never leak in. */
    @Test
    void everyOffsetReadsBackItsOwnRecordWithTopicsInterleavedAroundIt() {
        TopicLog before = store.getOrCreate("before");
        TopicLog middle = store.getOrCreate("middle");
        TopicLog after = store.getOrCreate("after");
        for (int round = 0; round < 4; round++) {
            append(before, records("x" + round + "-", 2));
            append(middle, records("m" + round + "-", 3));
            append(after, records("y" + round + "-", 2));
        }
        store.close(); // flushes: these batches now sit in an SST file, the next ones in the memtable
        store = TestStores.open(TestStores.config(dir).clock(clock).build());
        before = store.find("before").orElseThrow();
        middle = store.find("middle").orElseThrow();
        after = store.find("after").orElseThrow();
        append(middle, records("m4-", 3));
        List<String> all = texts(middle.read(0, 100, Long.MAX_VALUE).records());
        assertEquals(15, all.size());
        for (int offset = 0; offset < 15; offset++) {
            ReadResult r = middle.read(offset, 2, Long.MAX_VALUE);
            assertEquals(all.subList(offset, Math.min(15, offset + 2)), texts(r.records()), "from offset " + offset);
            assertEquals(offset, r.records().get(0).offset());
        }
        assertEquals("m4-2", texts(middle.read(14, 10, Long.MAX_VALUE).records()).get(0));
        assertEquals(List.of("x0-0", "x0-1", "x1-0"), texts(before.read(0, 3, Long.MAX_VALUE).records()));
        assertEquals(List.of("y3-1"), texts(after.read(7, 3, Long.MAX_VALUE).records()));
    }

    /** A read materialises whole stored batches, so a large append must not be stored as one. */
    @Test
    void aLargeAppendIsStoredAsBoundedBatchesAndStillReadsAndRecoversWhole() throws Exception {
        TopicLog log = store.getOrCreate("big");
        String padding = "x".repeat(100 * 1024);
        List<io.strand.storage.Record> big = new java.util.ArrayList<>();
        for (int i = 0; i < 35; i++) {
            big.add(record("r" + i + ":" + padding));
        }
        AppendResult result = append(log, big);
        assertEquals(0, result.baseOffset());
        assertEquals(35, result.count());
        assertEquals(List.of("r17"), texts(log.read(17, 1, 0).records()).stream().map(t -> t.split(":")[0]).toList());
        List<StoredRecord> all = log.read(0, 100, Long.MAX_VALUE).records();
        assertEquals(35, all.size());
        for (int i = 0; i < 35; i++) {
            assertEquals(i, all.get(i).offset());
            assertTrue(texts(all.subList(i, i + 1)).get(0).startsWith("r" + i + ":"));
        }
        store.close();

        List<Integer> storedSizes = new java.util.ArrayList<>();
        RawRocks.edit(dir, (db, cf) -> {
            try (org.rocksdb.RocksIterator it = db.newIterator(cf.of(Cf.LOG))) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    storedSizes.add(it.value().length);
                }
            }
        });
        assertEquals(4, storedSizes.size(), "35 records of 100 KiB in batches of at most 1 MiB: " + storedSizes);
        for (int size : storedSizes) {
            assertTrue(size <= BatchCodec.MAX_STORED_RECORD_BYTES + 64 * 1024, "stored batch of " + size + " bytes");
        }
        io.strand.storage.CheckReport check = io.strand.storage.StoreCheck.check(dir);
        assertTrue(check.clean(), "the offline check accepts the split batches: " + check);

        store = TestStores.open(TestStores.config(dir).clock(clock).build());
        TopicLog reopened = store.find("big").orElseThrow();
        assertEquals(35, reopened.endOffset());
        assertEquals(List.of("r34"), texts(reopened.read(34, 5, 0).records()).stream().map(t -> t.split(":")[0]).toList());
        assertEquals(35, append(reopened, records("after", 1)).baseOffset());
    }

    @Test
    void maxBytesStopsBeforeTheRecordThatWouldExceedItButAlwaysReturnsTheFirst() {
        TopicLog log = store.getOrCreate("t");
        append(log, List.of(record("x".repeat(1000)), record("y"), record("z")));
        ReadResult first = log.read(0, 10, 1);
        assertEquals(1, first.records().size(), "the first record is returned whole even above maxBytes");
        assertEquals(1, first.nextOffset());
        ReadResult rest = log.read(1, 10, 30);
        assertEquals(List.of("y", "z"), texts(rest.records()));
        ReadResult zero = log.read(1, 10, 0);
        assertEquals(List.of("y"), texts(zero.records()));
    }

    @Test
    void readAtEndIsEmptyAndBeyondEndOrNegativeIsOutOfRange() {
        TopicLog log = store.getOrCreate("t");
        append(log, records("a", 2));
        ReadResult atEnd = log.read(2, 10, 100);
        assertTrue(atEnd.records().isEmpty());
        assertEquals(2, atEnd.nextOffset());
        OffsetOutOfRangeException beyond = assertThrows(OffsetOutOfRangeException.class, () -> log.read(3, 10, 100));
        assertEquals(0, beyond.logStartOffset());
        assertEquals(2, beyond.logEndOffset());
        assertEquals(StorageError.OFFSET_OUT_OF_RANGE, assertThrows(StorageException.class, () -> log.read(-1, 10, 100)).error());
        assertEquals(StorageError.INVALID_REQUEST, assertThrows(StorageException.class, () -> log.read(0, 0, 100)).error());
    }

    @Test
    void keysHeadersAndEmptyValuesRoundTrip() {
        TopicLog log = store.getOrCreate("t");
        append(log, List.of(TestStores.withKeyAndHeaders("k1", "v1", Map.of("h", "ü-ß", "trace", "1")),
                TestStores.withKeyAndHeaders(null, "", Map.of())));
        List<StoredRecord> read = log.read(0, 10, Long.MAX_VALUE).records();
        assertArrayEquals("k1".getBytes(), read.get(0).key());
        assertEquals(Map.of("h", "ü-ß", "trace", "1"), read.get(0).headers());
        assertNull(read.get(1).key());
        assertEquals(0, read.get(1).value().length);
    }

    @Test
    void timestampsAreTheAppendTimeAndNeverDecreaseWhenTheClockGoesBack() {
        TopicLog log = store.getOrCreate("t");
        clock.set(5_000_000);
        AppendResult a = append(log, records("a", 2));
        clock.set(4_000_000);
        AppendResult b = append(log, records("b", 2));
        clock.set(6_000_000);
        AppendResult c = append(log, records("c", 2));
        assertEquals(5_000_000, a.timestamp());
        assertEquals(5_000_000, b.timestamp(), "a clock going back must not make timestamps decrease");
        assertEquals(6_000_000, c.timestamp());
        assertEquals(OptionalLong.of(5_000_000), log.timestampAt(3));
        assertEquals(OptionalLong.of(6_000_000), log.timestampAt(5));
        assertEquals(OptionalLong.empty(), log.timestampAt(6));
        assertEquals(OptionalLong.of(0), log.offsetForTimestamp(0));
        assertEquals(OptionalLong.of(0), log.offsetForTimestamp(5_000_000));
        assertEquals(OptionalLong.of(4), log.offsetForTimestamp(5_000_001));
        assertEquals(OptionalLong.of(4), log.offsetForTimestamp(6_000_000));
        assertEquals(OptionalLong.empty(), log.offsetForTimestamp(6_000_001));
        assertEquals(5_000_000, log.read(2, 1, 100).records().get(0).timestamp());
    }

    @Test
    void topicsAreCreatedListedAndDeletedAndARecreatedNameStartsOverWithANewId() {
        TopicLog first = store.getOrCreate("t");
        append(first, records("a", 3));
        long oldId = first.info().id();
        store.createTopic("u", new TopicConfig(Optional.empty(), OptionalLong.of(1000), Optional.of(Durability.FSYNC)));
        assertEquals(List.of("t", "u"), store.topics().stream().map(i -> i.name()).toList());
        assertEquals(StorageError.TOPIC_EXISTS, assertThrows(StorageException.class, () -> store.createTopic("t", TopicConfig.DEFAULTS)).error());

        store.deleteTopic("t");
        assertTrue(store.find("t").isEmpty());
        assertEquals(StorageError.UNKNOWN_TOPIC, assertThrows(StorageException.class, () -> store.log("t")).error());
        assertEquals(StorageError.UNKNOWN_TOPIC, assertThrows(StorageException.class, () -> store.deleteTopic("t")).error());
        StorageException appendToDeleted = assertThrows(StorageException.class, () -> append(first, records("x", 1)));
        assertEquals(StorageError.UNKNOWN_TOPIC, appendToDeleted.error());
        assertEquals(StorageError.UNKNOWN_TOPIC, assertThrows(StorageException.class, () -> first.read(0, 1, 1)).error());

        TopicLog again = store.getOrCreate("t");
        assertTrue(again.info().id() > oldId);
        assertEquals(0, again.endOffset());
        assertEquals(0, append(again, records("n", 1)).baseOffset());
        assertEquals(List.of("n0"), texts(again.read(0, 10, Long.MAX_VALUE).records()));
    }

    @Test
    void topicDurabilityOverridesTheStoreDefault() {
        TopicLog fsync = store.log(store.createTopic("f", new TopicConfig(Optional.empty(), OptionalLong.empty(),
                Optional.of(Durability.FSYNC))).name());
        assertEquals(Durability.FSYNC, append(fsync, records("a", 1)).durability());
        assertEquals(Durability.WAL, append(store.getOrCreate("w"), records("a", 1)).durability());
    }

    @Test
    void listenersHearOfCreatesAppendsAndDeletesUntilUnregistered() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AutoCloseable registration = store.addListener(new LogListener() {
            @Override
            public void appended(String topic, long endOffset) {
                events.add("appended " + topic + " " + endOffset);
            }

            @Override
            public void topicCreated(String topic) {
                events.add("created " + topic);
            }

            @Override
            public void topicDeleted(String topic) {
                events.add("deleted " + topic);
            }
        });
        TopicLog log = store.getOrCreate("t");
        append(log, records("a", 3));
        append(log, records("b", 2));
        store.deleteTopic("t");
        assertEquals(List.of("created t", "appended t 3", "appended t 5", "deleted t"), events);
        registration.close();
        append(store.getOrCreate("u"), records("a", 1));
        assertEquals(4, events.size());
    }

    @Test
    void infoReportsOffsetsSizeAndConfig() {
        TopicLog log = store.getOrCreate("t");
        append(log, records("a", 10));
        var info = log.info();
        assertEquals("t", info.name());
        assertEquals(0, info.startOffset());
        assertEquals(10, info.endOffset());
        assertTrue(info.sizeBytes() > 10 * 2, "size counts the stored batch bytes");
        assertEquals(TopicConfig.DEFAULTS, info.config());
        assertEquals(1_000_000, info.createdAt());
    }
}
