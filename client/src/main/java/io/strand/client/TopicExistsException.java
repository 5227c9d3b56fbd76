package io.strand.client;

/** A topic with that name already exists. */
public final class TopicExistsException extends StrandClientException {

    private static final long serialVersionUID = 1L;

    public TopicExistsException(String detail) {
        super(ErrorCode.TOPIC_EXISTS, detail);
    }

    public TopicExistsException(String detail, Throwable cause) {
        super(ErrorCode.TOPIC_EXISTS, detail, cause);
    }
}
