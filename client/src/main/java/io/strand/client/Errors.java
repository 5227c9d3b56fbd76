package io.strand.client;

import io.strand.api.StrandException;
import java.util.OptionalLong;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;

/**
 * The one place where wire failures become client exceptions: a {@link StrandException}'s code picks
 * the subclass; every other {@link TException} (socket, framing, protocol) means the connection is
 * unusable and becomes a retriable {@link ConnectionException} — except {@link TApplicationException},
 * which is the broker saying it failed unexpectedly.
 */
final class Errors {

    private Errors() {
    }

    static StrandClientException fromWire(StrandException e) {
        ErrorCode code = codeOf(e);
        String detail = e.getDetail() == null ? "(no detail)" : e.getDetail();
        return switch (code) {
            case UNKNOWN_TOPIC -> new UnknownTopicException(detail);
            case TOPIC_EXISTS -> new TopicExistsException(detail);
            case OFFSET_OUT_OF_RANGE -> new OffsetOutOfRangeException(detail,
                    e.isSetLogStartOffset() ? OptionalLong.of(e.getLogStartOffset()) : OptionalLong.empty(),
                    e.isSetLogEndOffset() ? OptionalLong.of(e.getLogEndOffset()) : OptionalLong.empty());
            case MESSAGE_TOO_LARGE, BATCH_TOO_LARGE -> new MessageTooLargeException(code, detail);
            case UNKNOWN_SUBSCRIPTION -> new UnknownSubscriptionException(detail);
            case SESSION_FENCED -> new SessionFencedException(detail);
            case STORAGE_UNAVAILABLE, UNAVAILABLE, TIMEOUT -> new BrokerUnavailableException(code, detail);
            default -> new StrandClientException(code, detail);
        };
    }

    /** Any Thrift failure of a call to {@code broker}. */
    static StrandClientException fromThrift(TException e, BrokerAddress broker) {
        if (e instanceof StrandException se) {
            return fromWire(se);
        }
        if (e instanceof TApplicationException) {
            return new StrandClientException(ErrorCode.INTERNAL,
                    "broker " + broker + " failed to process the request: " + e.getMessage(), e);
        }
        return connectionLost(e, broker);
    }

    static ConnectionException connectionLost(Throwable cause, BrokerAddress broker) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ConnectionException("broker " + broker + ": " + why, cause);
    }

    /** True when the connection that produced {@code e} must be discarded. */
    static boolean breaksConnection(StrandClientException e) {
        return e instanceof ConnectionException;
    }

    private static ErrorCode codeOf(StrandException e) {
        if (e.getCode() == null) {
            return ErrorCode.INTERNAL;
        }
        try {
            return ErrorCode.valueOf(e.getCode().name());
        } catch (IllegalArgumentException unknown) {
            return ErrorCode.INTERNAL;
        }
    }
}
