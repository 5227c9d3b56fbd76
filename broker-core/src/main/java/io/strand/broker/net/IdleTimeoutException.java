package io.strand.broker.net;

import org.apache.thrift.transport.TTransportException;

/** No request started within {@code connection.idle.timeout.ms}; the connection is closed quietly. */
final class IdleTimeoutException extends TTransportException {
    IdleTimeoutException() {
        super(TIMED_OUT, "no request within the idle timeout");
    }
}
