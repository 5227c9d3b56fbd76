package io.strand.client;

/** The publisher's buffer stayed full for longer than its max block time: the broker is slower than the application, or unreachable. */
public final class BufferFullException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public BufferFullException(String detail) {
        super(ErrorCode.BUFFER_FULL, detail);
    }

    public BufferFullException(String detail, Throwable cause) {
        super(ErrorCode.BUFFER_FULL, detail, cause);
    }
}
