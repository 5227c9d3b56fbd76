package io.strand.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public fault seam, used as another module's test would: only the API package, a switchable
 * {@link FaultInjector} in the {@link StorageConfig}.
 */
class FaultInjectorTest {
    @TempDir
    Path dir;

    private static Record record(String text) {
        return Record.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static AppendResult append(TopicLog log, String text) throws Exception {
        return log.append(List.of(record(text))).get(30, TimeUnit.SECONDS);
    }

    private static StorageException appendFails(TopicLog log, String text) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> append(log, text));
        return assertThrows(StorageException.class, () -> {
            throw e.getCause();
        });
    }

    @Test
    void aSwitchedOnFaultFailsTheStoreStickilyWhileReadsGoOnAndAReopenHealsIt() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        StorageConfig config = StorageConfig.builder(dir).defaultDurability(Durability.WAL).faultInjector(() -> {
            if (broken.get()) {
                throw new IOException("injected: disk gone");
            }
        }).build();
        try (LogStore store = LogStore.open(config, new MetricRegistry())) {
            TopicLog log = store.getOrCreate("t");
            append(log, "a");
            append(log, "b");
            store.cursors().putSubscription("s", new byte[0]);
            store.cursors().commit("s", "t", 1);

            broken.set(true);
            StorageException failed = appendFails(log, "lost");
            assertEquals(StorageError.STORE_FAILED, failed.error());
            assertTrue(failed.getMessage().contains("injected: disk gone"), failed.getMessage());
            assertTrue(store.failure().isPresent(), "unhealthy");

            broken.set(false);
            assertEquals(StorageError.STORE_FAILED, appendFails(log, "later").error(), "sticky although the fault is gone");
            assertEquals(StorageError.STORE_FAILED, assertThrows(StorageException.class,
                    () -> store.cursors().commit("s", "t", 2)).error());
            assertEquals(List.of("a", "b"), log.read(0, 10, Long.MAX_VALUE).records().stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList(), "reads go on");
            assertEquals(OptionalLong.of(1), store.cursors().committed("s", "t"));
            assertEquals(2, log.endOffset());
        }
        try (LogStore store = LogStore.open(config, new MetricRegistry())) {
            assertTrue(store.failure().isEmpty());
            assertEquals(2, append(store.log("t"), "c").baseOffset());
        }
    }

    @Test
    void theDefaultInjectsNothingAndOldConfigsStillBuild() {
        assertEquals(FaultInjector.NONE, StorageConfig.builder(dir).build().faultInjector());
        StorageConfig c = StorageConfig.builder(dir).build();
        StorageConfig old = new StorageConfig(c.dataDir(), c.defaultDurability(), c.maxRecordBytes(), c.maxBatchBytes(),
                c.appendQueueBytes(), c.appendQueueRecords(), c.appendQueueWait(), c.retentionCheckInterval(),
                c.writeBufferBytes(), c.clock());
        assertEquals(c, old);
        FaultInjector mine = () -> {
        };
        assertEquals(mine, c.toBuilder().faultInjector(mine).build().toBuilder().build().faultInjector());
    }
}
