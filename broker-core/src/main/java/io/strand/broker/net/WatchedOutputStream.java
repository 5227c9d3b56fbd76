package io.strand.broker.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A connection's socket output, written in chunks of at most {@value #CHUNK} bytes, remembering when
 * the chunk in progress started. Java's blocking sockets have no write timeout: a client that stops
 * reading fills the socket buffers and the next write blocks for ever. {@link WriteWatchdog} asks
 * {@link #stalledFor} and closes the socket of a connection stalled too long; the blocked write then
 * fails and the connection's thread ends.
 *
 * <p>Each completed chunk counts as progress, so a slow client that keeps reading a large response is
 * never cut off — only one that made no room for {@value #CHUNK} bytes within the timeout.
 *
 * <p>Thread rule: written by the connection's thread; {@link #stalledFor} may be called from any thread.
 */
final class WatchedOutputStream extends OutputStream {
    static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final LongSupplier nanoClock;
    private volatile boolean writing;
    private volatile long chunkStarted;

    WatchedOutputStream(OutputStream out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        try {
            for (int done = 0; done < len; ) {
                int n = Math.min(CHUNK, len - done);
                chunkStarted = nanoClock.getAsLong();
                writing = true;
                out.write(bytes, off + done, n);
                done += n;
            }
        } finally {
            writing = false;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            chunkStarted = nanoClock.getAsLong();
            writing = true;
            out.flush();
        } finally {
            writing = false;
        }
    }

    /** How long the write in progress has been stuck on its current chunk; empty when not writing. */
    OptionalLong stalledFor(long nowNanos) {
        long started = chunkStarted;
        return writing ? OptionalLong.of(Math.max(0, nowNanos - started)) : OptionalLong.empty();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
