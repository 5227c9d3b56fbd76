package io.strand.broker.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import org.apache.thrift.TByteArrayOutputStream;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TEndpointTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * The server side of one client connection: a read buffer over the socket that can be peeked before
 * the framing is known, request-at-a-time reading in either framing, and a write buffer flushed as one
 * response.
 *
 * <p>Limits, and why they hold before memory is committed:
 * <ul>
 *   <li>Framed: the 4-byte big-endian length is checked against {@code maxRequestBytes} (and for being
 *       negative) before anything else is read; the frame is then read into a buffer that grows only as
 *       bytes actually arrive, so a client announcing a large frame and sending nothing costs nothing.</li>
 *   <li>Both framings: the protocol's remaining-message budget ({@link TEndpointTransport}) is the
 *       frame's length, or {@code maxRequestBytes} for an unframed request, and every byte handed to the
 *       protocol is counted against it. Thrift checks string, binary and container lengths against the
 *       budget before it allocates; this class additionally waits, in {@link #checkReadBytesAvailable},
 *       until a large announced length has actually arrived before letting the protocol allocate.</li>
 * </ul>
 *
 * <p>Buffer ownership: the protocol may wrap {@link #getBuffer()} in a {@code ByteBuffer} that outlives
 * the request (zero-copy {@code binary} fields). Once lent, an array is never written again; the next
 * read that needs room moves to a fresh array.
 *
 * <p>Thread rule: used by the one thread serving the connection; not thread-safe.
 */
final class ConnectionTransport extends TEndpointTransport {
    private static final int INITIAL_BUFFER = 8 * 1024;
    /** Buffers grown past this by one large request are dropped after it, so idle connections stay small. */
    private static final int RETAINED_BUFFER = 256 * 1024;
    /** Announced lengths up to this are trusted without waiting for the bytes (cheap to allocate). */
    private static final int EAGER_ALLOCATION = 64 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final int maxRequestBytes;
    private final TByteArrayOutputStream writeBuffer = new TByteArrayOutputStream(INITIAL_BUFFER);

    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean lent;
    private boolean framed;
    private boolean open = true;

    ConnectionTransport(InputStream in, OutputStream out, int maxRequestBytes) throws TTransportException {
        super(new TConfiguration(maxRequestBytes, maxRequestBytes, TConfiguration.DEFAULT_RECURSION_DEPTH));
        this.in = in;
        this.out = out;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Fixes the framing for the rest of the connection (decided by {@link WireFormat#detect}). */
    void useFraming(boolean framed) {
        this.framed = framed;
        writeBuffer.reset();
        if (framed) {
            writeBuffer.write(new byte[4], 0, 4);
        }
    }

    /**
     * The byte at {@code index} past the read position, reading from the socket as needed; -1 if the
     * peer closed the connection first. Nothing is consumed.
     */
    int peek(int index) throws TTransportException {
        return fill(index + 1) ? buffer[position + index] & 0xff : -1;
    }

    /** The big-endian int at {@code index} past the read position (must be buffered; see {@link #peek}). */
    int peekInt(int index) {
        int p = position + index;
        return ((buffer[p] & 0xff) << 24) | ((buffer[p + 1] & 0xff) << 16) | ((buffer[p + 2] & 0xff) << 8)
                | (buffer[p + 3] & 0xff);
    }

    /**
     * Waits for the next request. Returns false if the peer closed the connection cleanly before sending
     * any byte of it. For a framed connection, reads and checks the frame header and the whole frame.
     *
     * @throws ProtocolViolationException the frame length is negative or above the limit
     * @throws IdleTimeoutException no byte of a request arrived within the idle timeout
     * @throws TTransportException   the connection broke or timed out inside a request
     */
    boolean awaitRequest() throws TTransportException {
        try {
            if (!fill(1)) {
                return false;
            }
        } catch (TTransportException e) {
            if (e.getType() == TTransportException.TIMED_OUT) {
                throw new IdleTimeoutException();
            }
            throw e;
        }
        resetConsumedMessageSize(-1);
        if (framed) {
            if (!fill(4)) {
                throw new TTransportException(TTransportException.END_OF_FILE, "connection closed inside a frame header");
            }
            int size = peekInt(0);
            checkFrameSize(size, maxRequestBytes);
            position += 4;
            if (!fill(size)) {
                throw new TTransportException(TTransportException.END_OF_FILE,
                        "connection closed inside a frame of " + size + " bytes");
            }
            resetConsumedMessageSize(size);
        }
        return true;
    }

    /** Throws unless {@code size} is a frame length this server reads. */
    static void checkFrameSize(int size, int maxRequestBytes) throws ProtocolViolationException {
        if (size <= 0) {
            throw new ProtocolViolationException("frame length " + Integer.toUnsignedString(size) + " (" + size
                    + " as a signed int) is not a valid Thrift frame length");
        }
        if (size > maxRequestBytes) {
            throw new ProtocolViolationException("frame length " + size + " exceeds max.frame.bytes (" + maxRequestBytes + ")");
        }
    }

    /** Skips what the protocol left unread of a framed request and releases a large buffer. */
    void endRequest() {
        if (framed) {
            position += (int) remainingMessageSize;
            remainingMessageSize = 0;
        }
        int buffered = limit - position;
        if (buffer.length > RETAINED_BUFFER && buffered <= INITIAL_BUFFER) {
            byte[] small = new byte[INITIAL_BUFFER];
            System.arraycopy(buffer, position, small, 0, buffered);
            buffer = small;
            position = 0;
            limit = buffered;
            lent = false;
        }
    }

    @Override
    public int read(byte[] dst, int off, int len) throws TTransportException {
        if (len == 0) {
            return 0;
        }
        if (readable() == 0) {
            if (remainingMessageSize <= 0) {
                throw overBudget(len);
            }
            if (!fill(1)) {
                throw new TTransportException(TTransportException.END_OF_FILE, "connection closed inside a request");
            }
        }
        int n = Math.min(len, readable());
        System.arraycopy(buffer, position, dst, off, n);
        position += n;
        remainingMessageSize -= n;
        return n;
    }

    /**
     * Called by the protocol before it allocates for a string, binary or container of {@code numBytes}
     * (at least) bytes: refuses lengths beyond what the request has left, and for large ones waits until
     * the bytes have actually arrived, so memory is committed only for data the client really sent.
     */
    @Override
    public void checkReadBytesAvailable(long numBytes) throws TTransportException {
        if (numBytes > remainingMessageSize) {
            throw overBudget(numBytes);
        }
        if (numBytes > EAGER_ALLOCATION && numBytes > limit - position && !fill((int) numBytes)) {
            throw new TTransportException(TTransportException.END_OF_FILE, "connection closed inside a request");
        }
    }

    private ProtocolViolationException overBudget(long wanted) {
        return new ProtocolViolationException("request needs " + wanted + " more bytes, but only "
                + Math.max(0, remainingMessageSize) + (framed ? " remain in its frame"
                        : " remain of max.frame.bytes (" + maxRequestBytes + ")"));
    }

    @Override
    public byte[] getBuffer() {
        lent = true;
        return buffer;
    }

    @Override
    public int getBufferPosition() {
        return position;
    }

    @Override
    public int getBytesRemainingInBuffer() {
        return readable();
    }

    @Override
    public void consumeBuffer(int len) {
        // The protocol only consumes what getBytesRemainingInBuffer offered, which is within the budget.
        position += len;
        remainingMessageSize -= len;
    }

    private int readable() {
        return (int) Math.min(limit - position, Math.max(0, remainingMessageSize));
    }

    /** Ensures {@code n} bytes are buffered past the read position; false on end of stream first. */
    private boolean fill(int n) throws TTransportException {
        while (limit - position < n) {
            if (limit == buffer.length) {
                makeRoom(n);
            }
            int got;
            try {
                got = in.read(buffer, limit, buffer.length - limit);
            } catch (SocketTimeoutException e) {
                throw new TTransportException(TTransportException.TIMED_OUT, "no data within the idle timeout", e);
            } catch (IOException e) {
                throw new TTransportException(TTransportException.UNKNOWN, e.getMessage(), e);
            }
            if (got < 0) {
                return false;
            }
            limit += got;
        }
        return true;
    }

    /**
     * Makes space after {@code limit} for a read that needs {@code needed} bytes from {@code position}:
     * moves the unread bytes to the front, to a fresh array when the current one is lent, and grows by
     * doubling only when the unread bytes fill more than half of it — never beyond {@code needed}, so the
     * buffer grows only as fast as data arrives.
     */
    private void makeRoom(int needed) {
        int unread = limit - position;
        int capacity = buffer.length;
        if (needed > capacity && unread >= capacity / 2) {
            capacity = (int) Math.min((long) capacity * 2, needed);
        }
        if (lent || capacity != buffer.length) {
            byte[] next = new byte[capacity];
            System.arraycopy(buffer, position, next, 0, unread);
            buffer = next;
            lent = false;
        } else {
            System.arraycopy(buffer, position, buffer, 0, unread);
        }
        position = 0;
        limit = unread;
    }

    @Override
    public void write(byte[] src, int off, int len) {
        writeBuffer.write(src, off, len);
    }

    @Override
    public void flush() throws TTransportException {
        byte[] bytes = writeBuffer.get();
        int length = writeBuffer.len();
        if (framed) {
            int payload = length - 4;
            bytes[0] = (byte) (payload >>> 24);
            bytes[1] = (byte) (payload >>> 16);
            bytes[2] = (byte) (payload >>> 8);
            bytes[3] = (byte) payload;
        }
        try {
            out.write(bytes, 0, length);
            out.flush();
        } catch (IOException e) {
            throw new TTransportException(TTransportException.UNKNOWN, "could not send the response: " + e.getMessage(), e);
        } finally {
            useFraming(framed);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void open() {
    }

    /** Marks the transport closed; the socket itself is owned and closed by {@link Connection}. */
    @Override
    public void close() {
        open = false;
    }

    /** For tests: how many bytes the read buffer holds now. */
    int bufferCapacity() {
        return buffer.length;
    }
}
