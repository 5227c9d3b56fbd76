package io.strand.storage.rocksdb;

import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.BackgroundErrorReason;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears RocksDB's background errors and turns the first into the store's sticky failure.
 *
 * <p>Why a listener: a flush or compaction that fails (typically ENOSPC, "No space left on device")
 * puts RocksDB in read-only mode on a background thread; without this the store would look healthy
 * until the next write tripped over it — and a store that receives no writes would never notice. The
 * failure is delivered to the sink (the writer's {@code fail}) at once, from RocksDB's thread; one that
 * happens before a sink is set (during open) is kept and delivered when it is.
 *
 * <p>Auto-recovery is declined ({@link #onErrorRecoveryBegin} returns false). RocksDB can resume by
 * itself once space is freed, but the store's failure is sticky by design — after a failed group the
 * writer's staged state is no longer trustworthy, so only a reopen, which recovers everything from
 * disk, makes it writable again. Declining keeps RocksDB read-only to match, and keeps recovery work
 * from running while the store closes. Every kind of background error counts, soft ones included
 * (a compaction that ran out of space): the disk is full or failing either way.
 *
 * <p>Only {@code ON_BACKGROUND_ERROR} and {@code ON_ERROR_RECOVERY_BEGIN} are enabled, so no other
 * callback crosses JNI. Must be closed after the database it is registered with.
 */
final class BackgroundErrors extends AbstractEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundErrors.class);

    private final String dir;
    private final AtomicReference<StorageException> first = new AtomicReference<>();
    private volatile Consumer<StorageException> sink;

    BackgroundErrors(String dir) {
        super(EnabledEventCallback.ON_BACKGROUND_ERROR, EnabledEventCallback.ON_ERROR_RECOVERY_BEGIN);
        this.dir = dir;
    }

    /** Sets where failures go, delivering at once one that already happened. */
    void sink(Consumer<StorageException> sink) {
        this.sink = sink;
        StorageException happened = first.get();
        if (happened != null) {
            sink.accept(happened);
        }
    }

    @Override
    public void onBackgroundError(BackgroundErrorReason reason, Status status) {
        StorageException failure = new StorageException(StorageError.STORE_FAILED, "storage I/O failed in a background "
                + reason.name().toLowerCase(java.util.Locale.ROOT) + " of " + dir + ": " + describe(status)
                + "; the store refuses writes until it is reopened (free disk space first if it is full)");
        if (first.compareAndSet(null, failure)) {
            LOG.error("{}", failure.getMessage());
        }
        Consumer<StorageException> s = sink;
        if (s != null) {
            s.accept(failure);
        }
    }

    @Override
    public boolean onErrorRecoveryBegin(BackgroundErrorReason reason, Status status) {
        LOG.warn("RocksDB offers to recover from {} in {} by itself; declined: the store stays failed until reopened",
                describe(status), dir);
        return false;
    }

    private static String describe(Status status) {
        if (status == null) {
            return "unknown error";
        }
        return status.getState() == null ? status.getCodeString() : status.getState() + " [" + status.getCodeString() + "]";
    }
}
