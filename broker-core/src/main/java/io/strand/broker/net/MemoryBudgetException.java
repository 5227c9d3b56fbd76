package io.strand.broker.net;

import org.apache.thrift.transport.TTransportException;

/**
 * A request could not get the memory it needs under {@code max.inflight.request.bytes} within
 * {@code inflight.request.wait.ms} (or needs more than the whole budget). Its connection is closed —
 * the request is dropped whole, never half-processed — and every other connection carries on.
 */
final class MemoryBudgetException extends TTransportException {
    MemoryBudgetException(String message) {
        super(UNKNOWN, message);
    }
}
