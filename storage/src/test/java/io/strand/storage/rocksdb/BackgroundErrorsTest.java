package io.strand.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rocksdb.BackgroundErrorReason;
import org.rocksdb.RocksDB;
import org.rocksdb.Status;

/** The translation of RocksDB's background errors, called as RocksDB's JNI callback would call it. */
class BackgroundErrorsTest {
    static {
        RocksDB.loadLibrary();
    }

    private static final Status NO_SPACE = new Status(Status.Code.IOError, Status.SubCode.NoSpace,
            "While appending to file: /data/000021.sst: No space left on device");

    @Test
    void aBackgroundErrorBecomesAStoreFailedNamingWhatFailedAndWhy() {
        List<StorageException> sunk = new CopyOnWriteArrayList<>();
        try (BackgroundErrors errors = new BackgroundErrors("/data")) {
            errors.sink(sunk::add);
            errors.onBackgroundError(BackgroundErrorReason.FLUSH, NO_SPACE);
        }
        assertEquals(1, sunk.size());
        StorageException e = sunk.get(0);
        assertEquals(StorageError.STORE_FAILED, e.error());
        assertTrue(e.getMessage().contains("background flush of /data") && e.getMessage().contains("No space left on device")
                && e.getMessage().contains("reopened"), e.getMessage());
    }

    @Test
    void anErrorBeforeTheSinkIsSetIsDeliveredWhenItIs() {
        List<StorageException> sunk = new CopyOnWriteArrayList<>();
        try (BackgroundErrors errors = new BackgroundErrors("/data")) {
            errors.onBackgroundError(BackgroundErrorReason.COMPACTION, NO_SPACE);
            errors.sink(sunk::add);
        }
        assertEquals(1, sunk.size());
        assertTrue(sunk.get(0).getMessage().contains("background compaction"), sunk.get(0).getMessage());
    }

    @Test
    void rocksDbsOwnRecoveryIsDeclinedSoTheStoreStaysReadOnlyUntilReopened() {
        try (BackgroundErrors errors = new BackgroundErrors("/data")) {
            assertFalse(errors.onErrorRecoveryBegin(BackgroundErrorReason.FLUSH, NO_SPACE));
        }
    }
}
