package io.strand.client;

import java.util.OptionalLong;

/**
 * The requested offset is below the topic's log start (trimmed by retention) or above its end. When the
 * broker says where the log now starts and ends, {@link #logStartOffset()} and {@link #logEndOffset()}
 * carry it, so a caller can clamp and read again.
 */
public final class OffsetOutOfRangeException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    private final OptionalLong logStartOffset;
    private final OptionalLong logEndOffset;

    public OffsetOutOfRangeException(String detail, OptionalLong logStartOffset, OptionalLong logEndOffset) {
        super(ErrorCode.OFFSET_OUT_OF_RANGE, detail);
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public OptionalLong logStartOffset() {
        return logStartOffset;
    }

    public OptionalLong logEndOffset() {
        return logEndOffset;
    }
}
