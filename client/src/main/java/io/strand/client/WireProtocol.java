package io.strand.client;

/**
 * How requests are encoded on a connection. The broker detects the protocol (and framing) of each
 * connection from its first bytes, so this is purely a client choice.
 */
public enum WireProtocol {
    /** TBinaryProtocol: the seed's protocol; the default. */
    BINARY,
    /** TCompactProtocol: smaller on the wire (varints), a little more CPU. */
    COMPACT
}
