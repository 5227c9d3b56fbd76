package io.strand.storage;

/** A read or seek named an offset outside {@code [logStartOffset, logEndOffset]}. */
public final class OffsetOutOfRangeException extends StorageException {
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(String topic, long offset, long logStartOffset, long logEndOffset) {
        super(StorageError.OFFSET_OUT_OF_RANGE, "offset " + offset + " is out of range for topic '" + topic
                + "': the log holds [" + logStartOffset + ", " + logEndOffset + ")"
                + (offset < logStartOffset ? "; older messages were removed by retention, read from " + logStartOffset : ""));
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
