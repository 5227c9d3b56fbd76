package io.strand.storage.rocksdb;

import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data directories this JVM is using — an open store or a running check — by real path.
 *
 * <p>Why, when RocksDB has its LOCK file: RocksDB's lock is a POSIX {@code fcntl} lock, which does not
 * exclude the process that holds it. The checker probes the lock with {@link java.nio.channels.FileChannel#tryLock},
 * and closing that channel would release every fcntl lock this process holds on the file — RocksDB's
 * included. So before probing, the checker claims the directory here, which fails if a store of this
 * JVM has it; and a store's open claims it too, which fails while a check of this JVM runs.
 */
final class DirectoryClaims {
    private static final ConcurrentHashMap<Path, Claim> CLAIMED = new ConcurrentHashMap<>();

    private DirectoryClaims() {
    }

    /**
     * Claims {@code dir} for {@code purpose} (e.g. "an open store"); close the result to release it.
     *
     * @throws StorageException STORE_FAILED, naming what holds it, if this JVM already uses the directory
     */
    static Claim claim(Path dir, String purpose) {
        Claim claim = new Claim(realPath(dir), purpose);
        Claim holder = CLAIMED.putIfAbsent(claim.key, claim);
        if (holder != null) {
            throw new StorageException(StorageError.STORE_FAILED, "data directory " + dir + " is in use by another Strand"
                    + " process (it is this process, pid " + ProcessHandle.current().pid() + ", which holds "
                    + holder.purpose + "); close it or choose another data directory");
        }
        return claim;
    }

    /** What holds {@code dir} in this JVM, if anything. */
    static Optional<String> holder(Path dir) {
        return Optional.ofNullable(CLAIMED.get(realPath(dir))).map(c -> c.purpose);
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** A held claim; closing releases it (idempotent). */
    static final class Claim implements AutoCloseable {
        private final Path key;
        private final String purpose;

        private Claim(Path key, String purpose) {
            this.key = key;
            this.purpose = purpose;
        }

        @Override
        public void close() {
            CLAIMED.remove(key, this);
        }
    }
}
