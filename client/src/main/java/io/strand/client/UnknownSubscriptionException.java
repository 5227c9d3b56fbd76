package io.strand.client;

/** No subscription with that name. */
public final class UnknownSubscriptionException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public UnknownSubscriptionException(String detail) {
        super(ErrorCode.UNKNOWN_SUBSCRIPTION, detail);
    }

    public UnknownSubscriptionException(String detail, Throwable cause) {
        super(ErrorCode.UNKNOWN_SUBSCRIPTION, detail, cause);
    }
}
