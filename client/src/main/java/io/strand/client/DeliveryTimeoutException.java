package io.strand.client;

/** A published message was not acknowledged within the publisher's delivery timeout. {@link #getCause()} is the last error seen while retrying; the message may or may not have been stored. */
public final class DeliveryTimeoutException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public DeliveryTimeoutException(String detail) {
        super(ErrorCode.DELIVERY_TIMEOUT, detail);
    }

    public DeliveryTimeoutException(String detail, Throwable cause) {
        super(ErrorCode.DELIVERY_TIMEOUT, detail, cause);
    }
}
