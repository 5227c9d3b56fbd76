package io.strand.broker.service;

import io.strand.api.ErrorCode;
import java.util.OptionalLong;

/**
 * A request the service refuses, with the wire code to send back. Thrown by the collaborators of
 * {@link BrokerService} (unchecked, so it passes through lambdas and loops) and turned into a
 * {@code StrandException} by {@link ErrorMapper} only.
 */
final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final OptionalLong logStartOffset;
    private final OptionalLong logEndOffset;

    private RequestException(ErrorCode code, String detail, OptionalLong logStartOffset, OptionalLong logEndOffset) {
        super(detail, null, false, false);
        this.code = code;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    static RequestException of(ErrorCode code, String detail) {
        return new RequestException(code, detail, OptionalLong.empty(), OptionalLong.empty());
    }

    static RequestException invalid(String detail) {
        return of(ErrorCode.INVALID_REQUEST, detail);
    }

    static RequestException offsetOutOfRange(String topic, long offset, long logStart, long logEnd) {
        String detail = "offset " + offset + " is out of range for topic '" + topic + "': the log holds ["
                + logStart + ", " + logEnd + ")"
                + (offset < logStart ? "; older messages were removed by retention — seek to " + logStart
                        + " or later" : "; use an offset between " + logStart + " and " + logEnd);
        return new RequestException(ErrorCode.OFFSET_OUT_OF_RANGE, detail, OptionalLong.of(logStart),
                OptionalLong.of(logEnd));
    }

    static RequestException trimmed(String subscription, String topic, long position, long logStart, long logEnd) {
        String detail = "subscription '" + subscription + "' is at offset " + position + " of topic '" + topic
                + "', but the log now starts at " + logStart + " (older messages were removed by retention); seek"
                + " the subscription (e.g. to EARLIEST), or subscribe with resetToEarliestWhenTrimmed=true";
        return new RequestException(ErrorCode.OFFSET_OUT_OF_RANGE, detail, OptionalLong.of(logStart),
                OptionalLong.of(logEnd));
    }

    static RequestException unknownTopic(String topic) {
        return of(ErrorCode.UNKNOWN_TOPIC, "topic '" + topic + "' does not exist; create it with createTopic"
                + " (or publish to it when auto-creation is on)");
    }

    static RequestException unknownSubscription(String name) {
        return of(ErrorCode.UNKNOWN_SUBSCRIPTION, "subscription '" + name
                + "' does not exist; create it with subscribe or openSession");
    }

    ErrorCode code() {
        return code;
    }

    OptionalLong logStartOffset() {
        return logStartOffset;
    }

    OptionalLong logEndOffset() {
        return logEndOffset;
    }
}
