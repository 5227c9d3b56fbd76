package io.strand.storage;

/** What went wrong in the store. The broker maps each to a wire error code. */
public enum StorageError {
    INVALID_REQUEST(false),
    INVALID_TOPIC_NAME(false),
    UNKNOWN_TOPIC(false),
    TOPIC_EXISTS(false),
    OFFSET_OUT_OF_RANGE(false),
    RECORD_TOO_LARGE(false),
    BATCH_TOO_LARGE(false),
    UNKNOWN_SUBSCRIPTION(false),
    OUT_OF_ORDER_SEQUENCE(false),
    CORRUPT_RECORD(false),
    /** The store had an I/O error and refuses writes until reopened; reads may still work. */
    STORE_FAILED(true),
    /** The store is closed or closing. */
    CLOSED(true),
    /** The append queue stayed full for longer than the caller may wait. */
    BUSY(true);

    private final boolean retriable;

    StorageError(boolean retriable) {
        this.retriable = retriable;
    }

    /** True when the same request may succeed if retried later (possibly against a restarted store). */
    public boolean retriable() {
        return retriable;
    }
}
