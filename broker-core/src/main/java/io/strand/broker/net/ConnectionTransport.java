package io.strand.broker.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
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
 * <p>Memory: the request in progress has a <em>footprint</em>, kept covered by the connection's share of
 * the broker-wide {@link MemoryBudget} ({@link ConnectionMemory}) before the memory is committed:
 * <ul>
 *   <li>read side, framed: the larger of the read buffer and the announced frame — reserved as soon as
 *       the frame header has been checked, before the frame is read;</li>
 *   <li>read side, unframed (length unknown in advance): the read buffer plus every byte the request
 *       has moved past — whole arrays lent to the protocol, and the consumed bytes dropped when unread
 *       ones are moved to the front, since the protocol may have copied them into the request's objects.
 *       Reserved before the buffer grows or moves on, so the request is charged as its bytes arrive and
 *       not only for the buffer holding its tail;</li>
 *   <li>decoded size: {@link LimitedProtocol}'s per-element estimate for lists, maps and sets;</li>
 *   <li>response: the write buffer, as it grows.</li>
 * </ul>
 * {@link #endRequest} returns all but what the connection keeps buffered; the connection returns the
 * rest when it ends. Small buffers are kept between requests (at most {@value #RETAINED_BUFFER} bytes),
 * larger ones dropped, so an idle connection stays within its free allowance.
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
    private static final int RETAINED_BUFFER = 32 * 1024;
    /** Announced lengths up to this are trusted without waiting for the bytes (cheap to allocate). */
    private static final int EAGER_ALLOCATION = 64 * 1024;
    /** Reserves a framed response's length prefix; {@link #flush} fills it in (in the buffer, not here). */
    private static final byte[] FRAME_HEADER_PLACEHOLDER = new byte[4];

    private final InputStream in;
    private final OutputStream out;
    private final int maxRequestBytes;
    private final ConnectionMemory memory;
    private final ResponseBuffer writeBuffer = new ResponseBuffer(INITIAL_BUFFER, RETAINED_BUFFER);

    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int position;
    private int limit;
    private boolean lent;
    private boolean framed;
    private boolean open = true;
    /** 4 + the frame length of the framed request in progress; 0 between requests and when unframed. */
    private long announced;
    /** Bytes the unframed request in progress has moved past and may still hold (see the class comment). */
    private long retired;
    /** {@link LimitedProtocol}'s decoded-size estimate of the request in progress. */
    private long decoded;

    ConnectionTransport(InputStream in, OutputStream out, int maxRequestBytes, ConnectionMemory memory)
            throws TTransportException {
        super(new TConfiguration(maxRequestBytes, maxRequestBytes, TConfiguration.DEFAULT_RECURSION_DEPTH));
        this.in = in;
        this.out = out;
        this.maxRequestBytes = maxRequestBytes;
        this.memory = memory;
    }

    /** Fixes the framing for the rest of the connection (decided by {@link WireFormat#detect}). */
    void useFraming(boolean framed) {
        this.framed = framed;
        writeBuffer.clear();
        if (framed) {
            writeBuffer.write(FRAME_HEADER_PLACEHOLDER, 0, 4);
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
            announced = 4L + size;
            memory.cover(footprint(buffer.length, writeBuffer.capacity()));
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

    /**
     * Skips what the protocol left unread of a framed request, drops a large buffer unless it holds
     * the start of the next request, and returns the request's memory to the budget.
     */
    void endRequest() {
        if (framed) {
            position += (int) remainingMessageSize;
            remainingMessageSize = 0;
        }
        int buffered = limit - position;
        if (buffer.length > RETAINED_BUFFER && buffered <= RETAINED_BUFFER) {
            byte[] small = new byte[Math.max(INITIAL_BUFFER, buffered)];
            System.arraycopy(buffer, position, small, 0, buffered);
            buffer = small;
            position = 0;
            limit = buffered;
            lent = false;
        }
        announced = 0;
        decoded = 0;
        retired = 0;
        memory.releaseTo(footprint(buffer.length, writeBuffer.capacity()));
    }

    /** Adds {@code bytes} to the decoded-size estimate of the request in progress (see {@link LimitedProtocol}). */
    void chargeDecoded(long bytes) throws MemoryBudgetException {
        if (bytes <= 0) {
            return;
        }
        decoded += bytes;
        memory.cover(footprint(buffer.length, writeBuffer.capacity()));
    }

    /** The memory of the request in progress if the read and write buffers had these capacities. */
    private long footprint(long readCapacity, long writeCapacity) {
        long read = announced > 0 ? Math.max(readCapacity, announced) : readCapacity + retired;
        return read + decoded + writeCapacity;
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
     * buffer grows only as fast as data arrives. A fresh array replacing a lent one is sized for what is
     * needed now, not copied in size (a lent 60 MiB array must not cost another 60 MiB to read the two
     * bytes after it). What the request moves past stays charged to it: a lent array whole, otherwise the
     * consumed bytes (the protocol may have copied them).
     */
    private void makeRoom(int needed) throws MemoryBudgetException {
        int unread = limit - position;
        int grown = buffer.length;
        if (needed > grown && unread >= grown / 2) {
            grown = (int) Math.min((long) grown * 2, needed);
        }
        // capacity > unread always: needed > unread, and grown > unread whenever needed exceeds the buffer
        int capacity = lent ? (int) Math.min(grown, Math.max(INITIAL_BUFFER, Math.max(needed, 2L * unread))) : grown;
        retired += lent ? buffer.length : position;
        memory.cover(footprint(capacity, writeBuffer.capacity()));
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
    public void write(byte[] src, int off, int len) throws MemoryBudgetException {
        long capacity = writeBuffer.capacityAfter(len);
        if (capacity > writeBuffer.capacity()) {
            memory.cover(footprint(buffer.length, capacity));
        }
        writeBuffer.write(src, off, len);
    }

    @Override
    public void flush() throws TTransportException {
        byte[] bytes = writeBuffer.array();
        int length = writeBuffer.length();
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
