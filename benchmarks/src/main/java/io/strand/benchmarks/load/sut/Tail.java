package io.strand.benchmarks.load.sut;

/**
 * A running subscription that hands every new message of one topic to its {@link MessageSink}, on a
 * thread of its own. {@link #close()} stops it and waits for that thread, so what the sink recorded
 * is visible to the caller afterwards.
 */
public interface Tail extends AutoCloseable {
    @Override
    void close() throws Exception;
}
