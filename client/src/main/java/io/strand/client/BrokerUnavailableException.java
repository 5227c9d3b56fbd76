package io.strand.client;

/**
 * The broker answered but cannot serve the request now: it is shutting down or overloaded
 * ({@link ErrorCode#UNAVAILABLE}), its store is read-only after an I/O error
 * ({@link ErrorCode#STORAGE_UNAVAILABLE}), or the request timed out inside it ({@link ErrorCode#TIMEOUT}).
 * Retriable.
 */
public final class BrokerUnavailableException extends StrandClientException implements Retriable {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(ErrorCode code, String detail) {
        super(requireUnavailableCode(code), detail);
    }

    private static ErrorCode requireUnavailableCode(ErrorCode code) {
        if (code != ErrorCode.UNAVAILABLE && code != ErrorCode.STORAGE_UNAVAILABLE && code != ErrorCode.TIMEOUT) {
            throw new IllegalArgumentException("not an availability error: " + code);
        }
        return code;
    }
}
