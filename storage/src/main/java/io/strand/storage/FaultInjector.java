package io.strand.storage;

import java.io.IOException;

/**
 * A fault point at the storage boundary, for tests of what happens when the disk fails (the broker's
 * {@code /health}, fetches during a failure, chaos tests). Set it with
 * {@link StorageConfig.Builder#faultInjector}; production code leaves the default, {@link #NONE}.
 *
 * <p>The store calls {@link #beforeWrite} on its writer thread ({@code strand-log-writer}) just before
 * each write to RocksDB — one per group commit that has something to write, which may carry appends,
 * topic creation or deletion, cursor writes, retention or a new producer id — and never before a read. Throwing an
 * {@link IOException} makes that write fail exactly as a disk error would: every request of the group
 * fails with {@link StorageError#STORE_FAILED}, {@link LogStore#failure()} becomes present and stays so
 * until the store is reopened, later writes fail at once with the same cause, and reads go on.
 *
 * <p>The method must be quick and thread-safe (it is read by the writer while a test flips it). A
 * switchable fault is a few lines:
 * <pre>{@code
 * AtomicBoolean broken = new AtomicBoolean();
 * StorageConfig config = StorageConfig.builder(dir)
 *         .faultInjector(() -> { if (broken.get()) throw new IOException("injected: disk gone"); })
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface FaultInjector {
    /** Injects nothing. */
    FaultInjector NONE = new FaultInjector() {
        @Override
        public void beforeWrite() {
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /** Throws to make the write about to happen fail as an I/O error; returns to let it proceed. */
    void beforeWrite() throws IOException;
}
