package io.strand.broker.service;

import io.strand.api.ErrorCode;
import io.strand.api.StrandException;
import io.strand.storage.OffsetOutOfRangeException;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes a wire error. Refusals ({@link RequestException}) and storage
 * failures keep their meaning through a fixed table; anything else is a broker bug or an environment
 * problem and becomes INTERNAL with a message, logged here once with its stack trace (callers must not
 * log it again). A client never sees a raw {@code TException} or {@code RuntimeException}.
 */
final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static StrandException toWire(String operation, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StrandException strand) {
            return strand;
        }
        if (cause instanceof RequestException refused) {
            StrandException wire = new StrandException(refused.code(), refused.getMessage());
            refused.logStartOffset().ifPresent(wire::setLogStartOffset);
            refused.logEndOffset().ifPresent(wire::setLogEndOffset);
            return wire;
        }
        if (cause instanceof OffsetOutOfRangeException range) {
            StrandException wire = new StrandException(ErrorCode.OFFSET_OUT_OF_RANGE, range.getMessage());
            wire.setLogStartOffset(range.logStartOffset());
            wire.setLogEndOffset(range.logEndOffset());
            return wire;
        }
        if (cause instanceof StorageException storage) {
            return fromStorage(operation, storage);
        }
        log.error("{} failed unexpectedly", operation, cause);
        return new StrandException(ErrorCode.INTERNAL, operation + " failed inside the broker: " + cause
                + " (the broker log has the details; please report it)");
    }

    static ErrorCode codeOf(StorageError error) {
        return switch (error) {
            case INVALID_REQUEST -> ErrorCode.INVALID_REQUEST;
            case INVALID_TOPIC_NAME -> ErrorCode.INVALID_TOPIC_NAME;
            case UNKNOWN_TOPIC -> ErrorCode.UNKNOWN_TOPIC;
            case TOPIC_EXISTS -> ErrorCode.TOPIC_EXISTS;
            case OFFSET_OUT_OF_RANGE -> ErrorCode.OFFSET_OUT_OF_RANGE;
            case RECORD_TOO_LARGE -> ErrorCode.MESSAGE_TOO_LARGE;
            case BATCH_TOO_LARGE -> ErrorCode.BATCH_TOO_LARGE;
            case UNKNOWN_SUBSCRIPTION -> ErrorCode.UNKNOWN_SUBSCRIPTION;
            case OUT_OF_ORDER_SEQUENCE -> ErrorCode.OUT_OF_ORDER_SEQUENCE;
            case CORRUPT_RECORD -> ErrorCode.CORRUPT_MESSAGE;
            case STORE_FAILED -> ErrorCode.STORAGE_UNAVAILABLE;
            case CLOSED, BUSY -> ErrorCode.UNAVAILABLE;
        };
    }

    private static StrandException fromStorage(String operation, StorageException storage) {
        ErrorCode code = codeOf(storage.error());
        String detail = storage.getMessage();
        switch (storage.error()) {
            case STORE_FAILED -> detail = "the broker's store failed and is read-only until the broker is restarted: "
                    + detail + "; retry against a healthy broker";
            case CLOSED -> detail = "the broker is shutting down (" + detail + "); retry shortly";
            case BUSY -> detail = "the broker is overloaded (" + detail + "); retry with backoff";
            case CORRUPT_RECORD -> log.error("{}: corrupt data in the store: {}", operation, detail);
            default -> {
            }
        }
        return new StrandException(code, detail == null ? storage.error().name() : detail);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
