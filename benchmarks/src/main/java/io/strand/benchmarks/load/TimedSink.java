package io.strand.benchmarks.load;

import io.strand.benchmarks.load.sut.MessageSink;

/**
 * A subscription's receiving end in a latency workload: records each message's latency against the
 * intended send time in its payload — only for messages meant to be sent at or after the start of the
 * measured window; earlier ones (the warm-up) are counted as received but not measured. Written by the
 * tail's one delivery thread; {@link #received()}, {@link #measured()} and {@link #lastReceiveNanos()}
 * may be read from others while it runs, the histogram only after the tail is closed.
 */
final class TimedSink implements MessageSink {
    final LatencyRecorder recorder = new LatencyRecorder();
    private volatile long measureFromNanos;
    private volatile long received;
    private volatile long measured;
    private volatile long lastReceiveNanos;

    /** Sets the intended send time ({@code System.nanoTime}) the measured window starts at; before any send. */
    void measureFrom(long nanos) {
        this.measureFromNanos = nanos;
    }

    @Override
    public void accept(byte[] payload) {
        long now = System.nanoTime();
        long intended = Payloads.intendedNanos(payload);
        if (intended - measureFromNanos >= 0) {
            recorder.record(intended, now);
            lastReceiveNanos = now;
            measured = measured + 1; // single writer: the tail's thread
        }
        received = received + 1;
    }

    long measured() {
        return measured;
    }

    long received() {
        return received;
    }

    long lastReceiveNanos() {
        return lastReceiveNanos;
    }
}
