package io.strand.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Benchmark payloads. Bytes 0–7 carry a {@link System#nanoTime()} value (big-endian): the message's
 * intended send time for latency workloads, 0 otherwise. The rest is fixed pseudo-random filler, so no
 * system gains from compressing it.
 */
final class Payloads {
    private Payloads() {
    }

    /** A payload of {@code size} bytes: a zero time stamp and random filler (shared, never modified). */
    static byte[] filler(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        ByteBuffer.wrap(bytes).putLong(0, 0L);
        return bytes;
    }

    /** A copy of {@code template} stamped with {@code intendedNanos}. */
    static byte[] timed(byte[] template, long intendedNanos) {
        byte[] bytes = template.clone();
        ByteBuffer.wrap(bytes).putLong(0, intendedNanos);
        return bytes;
    }

    static long intendedNanos(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(0);
    }
}
