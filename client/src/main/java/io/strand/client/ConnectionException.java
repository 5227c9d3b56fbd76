package io.strand.client;

/**
 * The broker could not be reached, or the connection broke (or timed out) while a request was in
 * flight — in which case the broker may or may not have processed it. Retriable: the next attempt
 * opens a new connection.
 */
public final class ConnectionException extends StrandClientException implements Retriable {

    private static final long serialVersionUID = 1L;

    public ConnectionException(String detail, Throwable cause) {
        super(ErrorCode.CONNECTION, detail, cause);
    }
}
