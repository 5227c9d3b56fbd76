package io.strand.client;

/** The topic does not exist (and the call does not create it). */
public final class UnknownTopicException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public UnknownTopicException(String detail) {
        super(ErrorCode.UNKNOWN_TOPIC, detail);
    }

    public UnknownTopicException(String detail, Throwable cause) {
        super(ErrorCode.UNKNOWN_TOPIC, detail, cause);
    }
}
