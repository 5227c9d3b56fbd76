package io.strand.storage;

/**
 * Every failure of the storage layer. The {@link #error()} says what kind; the message says what
 * happened and, where a caller can act, what to do.
 */
public class StorageException extends RuntimeException {
    private final StorageError error;

    public StorageException(StorageError error, String message) {
        super(message);
        this.error = error;
    }

    public StorageException(StorageError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public StorageError error() {
        return error;
    }
}
