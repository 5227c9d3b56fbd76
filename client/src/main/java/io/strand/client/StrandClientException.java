package io.strand.client;

import java.util.Objects;

/**
 * Every failure the client reports: an {@link ErrorCode} and a detail that says what to do. Callers
 * branch on the subclass (or {@link #code()}), and on the {@link Retriable} marker to decide whether
 * sending again may help. Unchecked, so it travels through {@code CompletableFuture}s unchanged.
 */
public class StrandClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public StrandClientException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    public StrandClientException(ErrorCode code, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The message without the code prefix. */
    public String detail() {
        String message = getMessage();
        String prefix = code + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
