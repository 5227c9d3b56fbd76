package io.strand.benchmarks.load.sut;

import java.time.Duration;

/**
 * A system's own publisher, as a benchmark drives it. Used by one thread at a time.
 */
public interface PublishClient extends AutoCloseable {

    /**
     * Queues one message; may block while the client's buffer is full (that is the backpressure a
     * saturating workload measures). A failure is reported by the next {@link #flush}.
     */
    void send(String topic, byte[] payload) throws Exception;

    /** Returns once every message sent so far is acknowledged by the server; throws the first failure. */
    void flush(Duration timeout) throws Exception;

    @Override
    void close() throws Exception;
}
