package io.strand.client;

/**
 * Why a client operation failed. The first seventeen mirror the broker's wire codes (same names and
 * meaning as {@code ErrorCode} in strand.thrift); the last four are raised by the client itself.
 * Switch on it, or catch the specific {@link StrandClientException} subclass.
 */
public enum ErrorCode {
    /** Unexpected broker-side failure; the detail says what happened. */
    INTERNAL,
    /** A request field is missing or malformed. */
    INVALID_REQUEST,
    /** The topic does not exist (and the call does not auto-create it). */
    UNKNOWN_TOPIC,
    /** Creating a topic whose name already exists. */
    TOPIC_EXISTS,
    /** Topic names are 1..249 characters of [A-Za-z0-9._-]. */
    INVALID_TOPIC_NAME,
    /** The offset is below the log start or above its end. */
    OFFSET_OUT_OF_RANGE,
    /** One message is larger than the broker (or the publisher) accepts. */
    MESSAGE_TOO_LARGE,
    /** A batch has more messages or bytes than the broker accepts in one request. */
    BATCH_TOO_LARGE,
    /** No subscription with that name. */
    UNKNOWN_SUBSCRIPTION,
    /** The subscription's topic pattern is not valid. */
    INVALID_TOPIC_PATTERN,
    /** A newer session took over the subscription. */
    SESSION_FENCED,
    /** The idempotent producer's sequence is ahead of what the broker has. */
    OUT_OF_ORDER_SEQUENCE,
    /** (retriable) The broker's store failed and is read-only until the broker restarts. */
    STORAGE_UNAVAILABLE,
    /** (retriable) The broker is shutting down or overloaded. */
    UNAVAILABLE,
    /** (retriable) The request timed out inside the broker. */
    TIMEOUT,
    /** A stored batch failed its checksum. */
    CORRUPT_MESSAGE,
    /** Too many connections, or another broker limit was reached. */
    LIMIT_EXCEEDED,
    /** (retriable; client side) The broker could not be reached, or the connection broke mid-request. */
    CONNECTION,
    /** Client side: a publish was not acknowledged within the publisher's delivery timeout. */
    DELIVERY_TIMEOUT,
    /** Client side: the publisher's buffer stayed full for longer than its max block time. */
    BUFFER_FULL,
    /** Client side: the publisher, subscriber or admin handle was already closed. */
    CLOSED
}
