package io.strand.benchmarks.load.sut;

/**
 * Receives consumed payloads. Each tail or replay calls its sink from one thread of its own; the
 * array belongs to the sink.
 */
@FunctionalInterface
public interface MessageSink {
    void accept(byte[] payload);
}
