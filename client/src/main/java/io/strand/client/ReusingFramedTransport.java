package io.strand.client;

import java.util.Arrays;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * Thrift's framed transport with a write buffer that is kept between requests.
 *
 * <p>Why: libthrift's {@link TFramedTransport} shrinks its write buffer back to 1 KiB after every
 * frame, so each publish of a 1 MiB batch regrows it by doubling (about 2 MiB copied and ten
 * arrays allocated, the largest ones humongous for G1) — the top allocation site of a W1 profile of
 * the publisher's sender threads. Reading is libthrift's unchanged; the wire format (4-byte
 * big-endian length, then the frame) is the same.
 *
 * <p>Memory: the buffer keeps at most {@link #RETAINED_MAX_BYTES}; a larger frame (a batch near
 * {@code batch.max.bytes} set above that) is written and then let go. Used by one thread at a time,
 * like the {@link Connection} that owns it.
 */
final class ReusingFramedTransport extends TFramedTransport {

    /** Largest write buffer kept between frames (twice the publisher's default batch.max.bytes). */
    static final int RETAINED_MAX_BYTES = 2 << 20;
    private static final int INITIAL_BYTES = 1024;

    private final byte[] header = new byte[4];
    private byte[] buffer = new byte[INITIAL_BYTES];
    private int length;

    ReusingFramedTransport(TTransport inner, int maxFrameBytes) throws TTransportException {
        super(inner, maxFrameBytes);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws TTransportException {
        int needed = length + len;
        if (needed < 0) {
            throw new TTransportException("a frame of more than 2 GiB cannot be written");
        }
        if (needed > buffer.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) buffer.length * 2, needed));
            buffer = Arrays.copyOf(buffer, grown);
        }
        System.arraycopy(buf, off, buffer, length, len);
        length = needed;
    }

    @Override
    public void flush() throws TTransportException {
        int len = length;
        length = 0;
        byte[] frame = buffer;
        if (buffer.length > RETAINED_MAX_BYTES) {
            buffer = new byte[INITIAL_BYTES];
        }
        encodeFrameSize(len, header);
        TTransport inner = getInnerTransport();
        inner.write(header, 0, 4);
        inner.write(frame, 0, len);
        inner.flush();
    }
}
