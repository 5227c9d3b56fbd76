package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static io.strand.storage.rocksdb.TestStores.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.CheckFinding;
import io.strand.storage.CheckFinding.Kind;
import io.strand.storage.CheckFinding.Range;
import io.strand.storage.CheckReport;
import io.strand.storage.LogStore;
import io.strand.storage.ProducerBatch;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.StoreCheck;
import io.strand.storage.TopicConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline checker against a store written through the API and then damaged behind its back with
 * plain RocksDB ({@link RawRocks}). The fixture: topic {@code orders} with batches at [0, 3), [3, 7)
 * and [7, 9), a cursor at 5 and an idempotent producer; topic {@code audit} trimmed by retention to
 * start at 2 with a cursor left at 0; a topic created and deleted.
 */
class StoreCheckTest {
    @TempDir
    Path dir;
    private long ordersId;
    private long auditId;

    @BeforeEach
    void writeFixture() {
        TestStores.MutableClock clock = new TestStores.MutableClock(1_000_000);
        try (RocksLogStore store = TestStores.open(TestStores.config(dir).clock(clock).build())) {
            var orders = store.getOrCreate("orders");
            long producer = store.newProducerId();
            TestStores.await(orders.append(records("a", 3), Optional.of(new ProducerBatch(producer, 0))));
            append(orders, records("b", 4));
            append(orders, records("c", 2));
            var audit = store.log(store.createTopic("audit", new TopicConfig(Optional.of(Duration.ofMinutes(1)),
                    OptionalLong.empty(), Optional.empty())).name());
            append(audit, records("old", 2));
            store.cursors().putSubscription("s", new byte[] {1});
            store.cursors().commit("s", "audit", 0);
            clock.advance(Duration.ofMinutes(5));
            append(audit, records("new", 3));
            assertEquals(1, store.enforceRetention());
            store.cursors().commit("s", "orders", 5);
            append(store.getOrCreate("gone"), records("g", 2));
            store.cursors().commit("s", "gone", 1);
            store.deleteTopic("gone");
            ordersId = orders.info().id();
            auditId = audit.info().id();
        }
    }

    @Test
    void aCleanStoreHasNoProblemsAndReportsItsTotals() {
        CheckReport report = StoreCheck.check(dir);

        assertTrue(report.clean(), report::toString);
        assertEquals(new CheckReport.Totals(2, 4, 12, report.totals().bytes(), 1, 2, 1), report.totals());
        assertEquals(List.of(new CheckReport.TopicSummary("orders", ordersId, 0, 9, 3, 9, report.topics().get(0).bytes()),
                new CheckReport.TopicSummary("audit", auditId, 2, 5, 1, 3, report.topics().get(1).bytes())), report.topics());
        assertEquals(List.of(Kind.CURSOR_TRIMMED), report.notes().stream().map(CheckFinding::kind).toList());
        CheckFinding trimmed = report.notes().get(0);
        assertEquals(Optional.of("audit"), trimmed.topic());
        assertEquals(Optional.of(Range.of(0)), trimmed.offsets());
        List<String> lines = report.lines();
        assertEquals("check of " + dir + ": clean, 1 note", lines.get(0));
        assertTrue(lines.contains("  topic 'orders' (id " + ordersId + "): offsets [0, 9), 3 batches, 9 records, "
                + report.topics().get(0).bytes() + " bytes"), report::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("  note trimmed cursor: topic 'audit' offset 0: subscription 's'"),
                report::toString);
    }

    @Test
    void aCorruptBatchIsReportedWithItsTopicAndOffsets() throws Exception {
        RawRocks.flipAByteOfBatch(dir, ordersId, 3);

        CheckReport report = StoreCheck.check(dir);

        assertFalse(report.clean());
        assertEquals(1, report.problems().size(), report::toString);
        CheckFinding corrupt = report.problems().get(0);
        assertEquals(Kind.CORRUPT_BATCH, corrupt.kind());
        assertEquals(Optional.of("orders"), corrupt.topic());
        assertEquals(Optional.of(new Range(3, 7)), corrupt.offsets());
        assertTrue(corrupt.detail().contains("CRC32C mismatch"), corrupt.detail());
        assertTrue(report.lines().get(0).endsWith(": 1 problem, 1 note"), report::toString);
        assertTrue(report.toString().contains("PROBLEM corrupt batch: topic 'orders' offsets [3, 7): CRC32C mismatch"),
                report::toString);
    }

    @Test
    void aDeletedMiddleBatchIsAGap() throws Exception {
        RawRocks.edit(dir, (db, cf) -> db.delete(cf.of(Cf.LOG), Keys.log(ordersId, 3)));

        CheckReport report = StoreCheck.check(dir);

        CheckFinding gap = only(report, Kind.GAP);
        assertEquals(Optional.of("orders"), gap.topic());
        assertEquals(Optional.of(new Range(3, 7)), gap.offsets());
        CheckFinding dangling = only(report, Kind.TIME_INDEX);
        assertEquals(Optional.of(new Range(3, 7)), dangling.offsets());
        assertTrue(dangling.detail().contains("points at no batch"), dangling.detail());
        assertEquals(2, report.problems().size(), report::toString);
        assertEquals(List.of(Kind.SIZE_MISMATCH, Kind.CURSOR_TRIMMED), report.notes().stream().map(CheckFinding::kind).toList(),
                "the persisted size still counts the lost batch");
    }

    @Test
    void aCursorBeyondTheEndIsReported() throws Exception {
        RawRocks.edit(dir, (db, cf) -> db.put(cf.of(Cf.CURSORS), Keys.cursor("s", ordersId), Keys.longValue(20)));

        CheckFinding beyond = only(StoreCheck.check(dir), Kind.CURSOR_OUT_OF_RANGE);

        assertEquals(Optional.of("orders"), beyond.topic());
        assertEquals(Optional.of(Range.of(20)), beyond.offsets());
        assertTrue(beyond.detail().contains("outside [0, 9]"), beyond.detail());
    }

    @Test
    void dataLeftUnderUnknownTopicIdsIsReported() throws Exception {
        long ghost = 999;
        RawRocks.edit(dir, (db, cf) -> {
            byte[] batch = BatchCodec.encode(records("x", 2));
            BatchCodec.seal(batch, 5);
            db.put(cf.of(Cf.LOG), Keys.log(ghost, 0), batch);
            db.put(cf.of(Cf.CURSORS), Keys.cursor("s", ghost), Keys.longValue(1));
            db.put(cf.of(Cf.PRODUCERS), Keys.producer(1, ghost), new byte[] {0});
        });

        CheckReport report = StoreCheck.check(dir);

        assertEquals(Optional.of("topic id 999"), only(report, Kind.UNKNOWN_TOPIC_DATA).topic());
        assertEquals(Optional.of("topic id 999"), only(report, Kind.CURSOR_UNKNOWN_TOPIC).topic());
        assertEquals(Optional.of("topic id 999"), only(report, Kind.PRODUCER_STATE).topic());
        assertEquals(3, report.problems().size(), report::toString);
    }

    @Test
    void aCorruptLastBatchWithoutItsTimeIndexEntryIsAnUnrecoverableEnd() throws Exception {
        RawRocks.flipAByteOfBatch(dir, ordersId, 7);
        RawRocks.edit(dir, (db, cf) -> db.deleteRange(cf.of(Cf.TIMEINDEX), Keys.topicStart(ordersId), Keys.topicEnd(ordersId)));

        CheckReport report = StoreCheck.check(dir);

        CheckFinding end = only(report, Kind.END_OFFSET);
        assertTrue(end.detail().contains("refuse to open"), end.detail());
        StorageException open = assertThrows(StorageException.class, () -> TestStores.open(dir));
        assertEquals(StorageError.CORRUPT_RECORD, open.error());
        assertTrue(open.getMessage().contains("'orders'") && open.getMessage().contains("strand check"), open.getMessage());
    }

    @Test
    void itRefusesADirectoryAStoreHoldsAndAStoreCannotOpenOneBeingChecked() throws IOException {
        try (LogStore store = TestStores.open(dir)) {
            StorageException refused = assertThrows(StorageException.class, () -> StoreCheck.check(dir));
            assertEquals(StorageError.STORE_FAILED, refused.error());
            assertTrue(refused.getMessage().contains("close the store first"), refused.getMessage());
            assertEquals(9, store.log("orders").endOffset(), "the open store is untouched");
        }
        try (DirectoryClaims.Claim checking = DirectoryClaims.claim(dir, "a running check")) {
            StorageException refused = assertThrows(StorageException.class, () -> TestStores.open(dir));
            assertTrue(refused.getMessage().contains("a running check"), refused.getMessage());
        }
        assertTrue(StoreCheck.check(dir).clean(), "released after both");
    }

    @Test
    void itChangesNothingInTheDirectory() throws IOException {
        Map<String, String> before = listing(dir);
        assertTrue(StoreCheck.check(dir).clean());
        assertEquals(before, listing(dir));
    }

    @Test
    void aDirectoryThatIsNotAStoreIsRefusedAndLeftAlone() throws IOException {
        Path empty = Files.createDirectory(dir.resolveSibling(dir.getFileName() + "-empty"));
        try {
            assertEquals(StorageError.INVALID_REQUEST, assertThrows(StorageException.class, () -> StoreCheck.check(empty)).error());
            assertEquals(StorageError.INVALID_REQUEST,
                    assertThrows(StorageException.class, () -> StoreCheck.check(empty.resolve("missing"))).error());
            try (Stream<Path> files = Files.list(empty)) {
                assertEquals(0, files.count());
            }
        } finally {
            Files.delete(empty);
        }
    }

    private static CheckFinding only(CheckReport report, Kind kind) {
        List<CheckFinding> found = report.findings().stream().filter(f -> f.kind() == kind).toList();
        assertEquals(1, found.size(), () -> "one " + kind + " expected in\n" + report);
        return found.get(0);
    }

    /** Every file with its size and modification time. */
    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                out.put(f.getFileName().toString(), a.size() + " " + a.lastModifiedTime().toMillis());
            }
        }
        return out;
    }
}
