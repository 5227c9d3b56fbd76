package io.strand.client;

/**
 * One message, or one batch, is larger than the broker or the publisher accepts
 * ({@link ErrorCode#MESSAGE_TOO_LARGE} or {@link ErrorCode#BATCH_TOO_LARGE}). Sending it again will
 * fail again; split it or raise the limit.
 */
public final class MessageTooLargeException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(ErrorCode code, String detail) {
        super(requireSizeCode(code), detail);
    }

    private static ErrorCode requireSizeCode(ErrorCode code) {
        if (code != ErrorCode.MESSAGE_TOO_LARGE && code != ErrorCode.BATCH_TOO_LARGE) {
            throw new IllegalArgumentException("not a size error: " + code);
        }
        return code;
    }
}
