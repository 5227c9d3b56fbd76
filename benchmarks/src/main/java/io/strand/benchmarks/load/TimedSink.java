package io.strand.benchmarks.load;

import io.strand.benchmarks.load.sut.MessageSink;

/**
 * A subscription's receiving end in a latency workload: records each message's latency against the
 * intended send time in its payload. Written by the tail's one delivery thread; {@link #received()}
 * and {@link #lastReceiveNanos()} may be read from others while it runs, the histogram only after the
 * tail is closed.
 */
final class TimedSink implements MessageSink {
    final LatencyRecorder recorder = new LatencyRecorder();
    private volatile long received;
    private volatile long lastReceiveNanos;

    @Override
    public void accept(byte[] payload) {
        long now = System.nanoTime();
        recorder.record(Payloads.intendedNanos(payload), now);
        lastReceiveNanos = now;
        received = received + 1; // single writer: the tail's thread
    }

    long received() {
        return received;
    }

    long lastReceiveNanos() {
        return lastReceiveNanos;
    }
}
