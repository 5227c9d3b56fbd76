package io.strand.broker.net;

import org.apache.thrift.transport.TTransportException;

/**
 * The client broke the wire rules in a way that leaves the connection unusable: a frame length that is
 * negative, zero or above {@code max.frame.bytes}, bytes that are no Thrift message, or a request that
 * announces more bytes than its frame (or the unframed request budget) has left. The connection is
 * closed; the broker keeps serving everyone else.
 */
final class ProtocolViolationException extends TTransportException {
    ProtocolViolationException(String message) {
        super(CORRUPTED_DATA, message);
    }
}
