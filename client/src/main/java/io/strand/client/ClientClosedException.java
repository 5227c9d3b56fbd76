package io.strand.client;

/** The handle was closed before (or while) the operation ran. */
public final class ClientClosedException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public ClientClosedException(String detail) {
        super(ErrorCode.CLOSED, detail);
    }

    public ClientClosedException(String detail, Throwable cause) {
        super(ErrorCode.CLOSED, detail, cause);
    }
}
