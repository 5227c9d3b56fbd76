package io.strand.broker.net;

import java.util.Arrays;

/**
 * The bytes of the response in progress, before it is flushed as one write.
 *
 * <p>Why not libthrift's {@code TByteArrayOutputStream}: it is a {@code ByteArrayOutputStream}, whose
 * {@code write} is {@code synchronized} and re-checks capacity on every call, and the protocol writes
 * every field, length and payload as a separate call — in the fetch profile (W4) those lock round
 * trips were the broker's hottest frames. This buffer has one owner, the connection's thread.
 *
 * <p>Growth is by doubling (or to what is needed, if more); {@link #capacityAfter} says in advance
 * what a write will grow to, so the transport can charge the memory budget before the array exists.
 * {@link #clear} keeps an array of up to {@code retained} bytes and drops a larger one, so a large
 * response does not stay allocated on an idle connection.
 */
final class ResponseBuffer {
    private final int initial;
    private final int retained;
    private byte[] bytes;
    private int length;

    ResponseBuffer(int initial, int retained) {
        this.initial = initial;
        this.retained = retained;
        this.bytes = new byte[initial];
    }

    /** The capacity once {@code more} bytes are written (the current one if they fit). */
    long capacityAfter(int more) {
        long needed = (long) length + more;
        return needed <= bytes.length ? bytes.length : Math.max(needed, 2L * bytes.length);
    }

    void write(byte[] src, int off, int len) {
        if (length + len > bytes.length) {
            long grown = capacityAfter(len);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("a response of " + grown + " bytes cannot be buffered");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
        System.arraycopy(src, off, bytes, length, len);
        length += len;
    }

    /** The backing array; valid up to {@link #length()} until the next write or {@link #clear}. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    int capacity() {
        return bytes.length;
    }

    /** Empties the buffer, dropping an array larger than the retained size. */
    void clear() {
        length = 0;
        if (bytes.length > retained) {
            bytes = new byte[initial];
        }
    }
}
