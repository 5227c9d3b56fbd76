package io.strand.broker.net;

import java.util.Locale;
import java.util.Optional;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TTransportException;

/**
 * The four ways a client may speak to the Thrift port, told apart by the first bytes of a connection:
 * <pre>
 *   0x80 0x01 ...            unframed binary  (strict TBinaryProtocol: version 0x8001 + message type)
 *   0x82 ...                 unframed compact (TCompactProtocol protocol id)
 *   len:int32 0x80 ...       framed binary    (frame length, big-endian, then a strict binary message)
 *   len:int32 0x82 ...       framed compact
 * </pre>
 * A valid frame length is at most {@code max.frame.bytes} (at most 1 GiB), so its first byte is below
 * 0x40 and can be neither protocol's first byte. Old non-strict binary clients (no version word) are not
 * supported: their first four bytes look like a frame length, and the frame then fails the check.
 */
enum WireFormat {
    UNFRAMED_BINARY(false, false),
    UNFRAMED_COMPACT(false, true),
    FRAMED_BINARY(true, false),
    FRAMED_COMPACT(true, true);

    private static final int BINARY_VERSION_1 = 0x80;
    private static final int BINARY_VERSION_2 = 0x01;
    private static final int COMPACT_PROTOCOL_ID = 0x82;

    private final boolean framed;
    private final boolean compact;

    WireFormat(boolean framed, boolean compact) {
        this.framed = framed;
        this.compact = compact;
    }

    boolean framed() {
        return framed;
    }

    /**
     * Reads (without consuming) as many bytes as needed to tell the format. Empty if the peer closed the
     * connection before sending anything.
     *
     * @throws ProtocolViolationException the bytes are neither an unframed message nor an acceptable frame
     */
    static Optional<WireFormat> detect(ConnectionTransport transport, int maxFrameBytes) throws TTransportException {
        int first = transport.peek(0);
        if (first < 0) {
            return Optional.empty();
        }
        if (first == COMPACT_PROTOCOL_ID) {
            return Optional.of(UNFRAMED_COMPACT);
        }
        if (first == BINARY_VERSION_1 && transport.peek(1) == BINARY_VERSION_2) {
            return Optional.of(UNFRAMED_BINARY);
        }
        if (transport.peek(3) < 0) {
            throw new TTransportException(TTransportException.END_OF_FILE, "connection closed after "
                    + "less than one frame header");
        }
        ConnectionTransport.checkFrameSize(transport.peekInt(0), maxFrameBytes);
        int protocolByte = transport.peek(4);
        if (protocolByte == BINARY_VERSION_1) {
            return Optional.of(FRAMED_BINARY);
        }
        if (protocolByte == COMPACT_PROTOCOL_ID) {
            return Optional.of(FRAMED_COMPACT);
        }
        throw new ProtocolViolationException(protocolByte < 0 ? "connection closed inside the first frame"
                : String.format(Locale.ROOT, "frame starts with 0x%02x, which begins neither a binary (0x80) nor "
                        + "a compact (0x82) Thrift message", protocolByte));
    }

    /**
     * The protocol reading requests from and writing responses to {@code transport}. Strings may use the
     * whole request budget (the transport enforces it); containers are capped at
     * {@code maxContainerElements} because a list of empty structs costs the sender nothing per element
     * on the wire but the receiver a reference each.
     */
    TProtocol protocol(ConnectionTransport transport, int maxContainerElements) {
        long strings = -1; // no limit of its own: ConnectionTransport holds strings to the request budget
        return compact
                ? new TCompactProtocol(transport, strings, maxContainerElements)
                : new TBinaryProtocol(transport, strings, maxContainerElements, true, true);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
