package io.strand.client;

/** A newer session took over the subscription; this one must stop. */
public final class SessionFencedException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public SessionFencedException(String detail) {
        super(ErrorCode.SESSION_FENCED, detail);
    }

    public SessionFencedException(String detail, Throwable cause) {
        super(ErrorCode.SESSION_FENCED, detail, cause);
    }
}
