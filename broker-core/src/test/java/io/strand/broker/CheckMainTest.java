package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.strand.storage.LogStore;
import io.strand.storage.Record;
import io.strand.storage.StorageConfig;
import io.strand.storage.TopicLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/** {@code strand check} on a store written through the storage API (no broker), clean and damaged. */
class CheckMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        return CheckMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @BeforeEach
    void writeStore() throws Exception {
        try (LogStore store = LogStore.open(StorageConfig.builder(dir).build(), new MetricRegistry())) {
            TopicLog orders = store.getOrCreate("orders");
            for (int batch = 0; batch < 3; batch++) {
                List<Record> records = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    records.add(Record.of(("order-" + batch + "-" + i).getBytes(StandardCharsets.UTF_8)));
                }
                orders.append(records).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aCleanDirectoryIsReportedCleanWithExitCode0() {
        assertEquals(0, check("--data", dir.toString()), err.toString());
        String report = out.toString();
        assertTrue(report.startsWith("check of " + dir + ": clean"), report);
        assertTrue(report.contains("topic 'orders'") && report.contains("offsets [0, 12)"), report);
    }

    @Test
    void aCorruptedBatchIsAProblemNamingTopicAndOffsetsWithExitCode1() throws Exception {
        flipAByteOfTheFirstStoredBatch(dir);
        assertEquals(1, check("--data", dir.toString()), err.toString());
        String report = out.toString();
        assertTrue(report.startsWith("check of " + dir + ": 1 problem"), report);
        assertTrue(report.contains("PROBLEM corrupt batch: topic 'orders' offsets [0, 4)"), report);
    }

    @Test
    void jsonOutputCarriesTheSameFindings() throws Exception {
        flipAByteOfTheFirstStoredBatch(dir);
        assertEquals(1, check("--data", dir.toString(), "--json"), err.toString());
        String json = out.toString().strip();
        assertTrue(json.startsWith("{\"dataDir\":") && json.endsWith("}"), json);
        assertTrue(json.contains("\"clean\":false"), json);
        assertTrue(json.contains("\"kind\":\"CORRUPT_BATCH\",\"problem\":true,\"label\":\"corrupt batch\","
                + "\"topic\":\"orders\",\"offsets\":{\"from\":0,\"to\":4}"), json);
        assertEquals(1, json.lines().count(), "one line");
    }

    @Test
    void aMissingDataOptionOrADirectoryThatIsNoStoreIsAUsageError() throws IOException {
        assertEquals(2, check());
        assertTrue(err.toString().contains("Missing required option: '--data=DIR'"), err.toString());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        StringWriter err2 = new StringWriter();
        assertEquals(2, CheckMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true),
                "--data", empty.toString()));
        assertTrue(err2.toString().startsWith("strand check: ") && err2.toString().contains("not a Strand data directory"),
                err2.toString());
    }

    @Test
    void aDirectoryAStoreHoldsIsRefusedClearly() {
        try (LogStore store = LogStore.open(StorageConfig.builder(dir).build(), new MetricRegistry())) {
            assertEquals(2, check("--data", dir.toString()));
            assertTrue(err.toString().startsWith("strand check: ") && err.toString().contains("holds it"), err.toString());
            assertEquals("", out.toString());
        }
    }

    /** Flips one bit near the end of the first entry of the {@code log} column family, as a disk error would. */
    static void flipAByteOfTheFirstStoredBatch(Path dir) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            try {
                ColumnFamilyHandle log = null;
                for (int i = 0; i < descriptors.size(); i++) {
                    if (new String(descriptors.get(i).getName(), StandardCharsets.US_ASCII).equals("log")) {
                        log = handles.get(i);
                    }
                }
                assertTrue(log != null, "the store has a 'log' column family");
                try (RocksIterator it = db.newIterator(log)) {
                    it.seekToFirst();
                    assertTrue(it.isValid(), "a stored batch");
                    byte[] value = it.value();
                    value[value.length - 2] ^= 0x40;
                    db.put(log, it.key(), value);
                }
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }
}
