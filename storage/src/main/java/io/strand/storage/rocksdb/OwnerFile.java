package io.strand.storage.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code strand.owner} in a data directory: {@code pid N, opened at <instant>} of the last store to open
 * it, so that a refused open or check can name the likely holder. Written only after RocksDB's own LOCK
 * was taken; advisory, never used for locking itself (it is not removed on close, so it may name a
 * process that has gone).
 */
final class OwnerFile {
    static final String NAME = "strand.owner";

    private OwnerFile() {
    }

    static void write(Path dir) {
        try {
            Files.writeString(dir.resolve(NAME), "pid " + ProcessHandle.current().pid() + ", opened at "
                    + java.time.Instant.now() + "\n");
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(OwnerFile.class).warn("cannot write {} in {}", NAME, dir, e);
        }
    }

    /** What the file says, or "owner unknown". */
    static String read(Path dir) {
        try {
            return Files.readString(dir.resolve(NAME)).trim();
        } catch (IOException unreadable) {
            return "owner unknown";
        }
    }
}
