package io.strand.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.CheckReport;
import io.strand.storage.Durability;
import io.strand.storage.StorageException;
import io.strand.storage.StoreCheck;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is appending as fast as it can (SIGKILL, no shutdown hooks, no close) and checks
 * that every batch it had acknowledged is there after reopening, with its exact payload, at dense
 * offsets. Three kill cycles on one directory in WAL mode (recovery of a recovered store), one in FSYNC.
 * The offline check refuses the directory while the process holds it, and finds the killed store's
 * directory clean before it is reopened (RocksDB's WAL replayed in memory only).
 */
class CrashRecoveryIT {
    private static final int ACKS_BEFORE_KILL = 3000;
    private static final long CYCLE_SECONDS = 20;

    @TempDir
    Path root;

    @Test
    void walModeLosesNothingAcknowledgedOverThreeKills() throws Exception {
        Path dir = Files.createDirectories(root.resolve("wal"));
        List<Ack> acks = new ArrayList<>();
        for (int cycle = 0; cycle < 3; cycle++) {
            acks.addAll(runAndKill(dir, Durability.WAL, "c" + cycle));
            verify(dir, acks);
        }
    }

    @Test
    void fsyncModeLosesNothingAcknowledged() throws Exception {
        Path dir = Files.createDirectories(root.resolve("fsync"));
        List<Ack> acks = runAndKill(dir, Durability.FSYNC, "f");
        verify(dir, acks);
    }

    private record Ack(long baseOffset, int count, long firstSequence, String prefix) {
    }

    private List<Ack> runAndKill(Path dir, Durability durability, String prefix) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashAppender.class.getName(), dir.toString(), durability.name(), prefix);
        pb.redirectError(root.resolve(prefix + ".stderr").toFile());
        Process process = pb.start();
        List<Ack> acks = new ArrayList<>();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> pump(process, lines), "crash-stdout-" + prefix);
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CYCLE_SECONDS);
            while (acks.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("ack ")) {
                    String[] f = line.split(" ");
                    if (f.length == 4) {
                        acks.add(new Ack(Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]), prefix));
                    }
                }
                assertTrue(process.isAlive() || !lines.isEmpty(), "the appender died by itself; see " + prefix + ".stderr: "
                        + Files.readString(root.resolve(prefix + ".stderr")));
            }
            StorageException refused = assertThrows(StorageException.class, () -> StoreCheck.check(dir),
                    "the offline check refuses a directory another process holds");
            assertTrue(refused.getMessage().contains("while a Strand broker holds it"), refused.getMessage());
        } finally {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the appender did not die");
        }
        assertTrue(acks.size() >= 100, "only " + acks.size() + " acks within " + CYCLE_SECONDS + " s");
        return acks;
    }

    private static void pump(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was killed; the stream ends
        }
    }

    private static void verify(Path dir, List<Ack> acks) {
        CheckReport check = StoreCheck.check(dir);
        assertTrue(check.clean(), () -> "a killed store checks clean before it is reopened:\n" + check);
        try (RocksLogStore store = TestStores.open(dir)) {
            TopicLog log = store.log("crash");
            List<StoredRecord> all = TestStores.readAll(log);
            assertEquals(log.endOffset(), all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).offset(), "dense offsets");
            }
            for (Ack ack : acks) {
                assertTrue(ack.baseOffset + ack.count <= log.endOffset(), "acknowledged batch at " + ack.baseOffset + " lost");
                for (int i = 0; i < ack.count; i++) {
                    String payload = TestStores.text(all.get((int) (ack.baseOffset + i)));
                    assertEquals(ack.prefix + "-" + (ack.firstSequence + i), payload, "payload at " + (ack.baseOffset + i));
                }
            }
            assertFalse(store.failure().isPresent());
        }
    }
}
