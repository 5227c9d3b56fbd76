package io.strand.client;

import io.strand.api.Position;
import io.strand.api.StartKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;

/**
 * Conversions between the client's value types and the generated Thrift structs. Stateless. The wire
 * types never leave the client's implementation classes.
 */
final class Wire {

    private Wire() {
    }

    /**
     * The wire form of an outgoing message; the topic field is left empty (the batch names it).
     *
     * <p>Buffer ownership: data and key are wrapped, not copied — the generated constructor and
     * setters copy every binary field, which was a second payload copy per {@code send} on the
     * application thread (W1 profile). Sharing is safe because {@link Message} owns private copies
     * that nothing writes, and Thrift only reads them while encoding.
     */
    static io.strand.api.Message toWire(Message m) {
        io.strand.api.Message wire = new io.strand.api.Message();
        wire.topic = "";
        wire.data = ByteBuffer.wrap(m.dataUnsafe());
        if (m.keyUnsafe() != null) {
            wire.key = ByteBuffer.wrap(m.keyUnsafe());
        }
        if (!m.headers().isEmpty()) {
            wire.setHeaders(new HashMap<>(m.headers()));
        }
        return wire;
    }

    static ReceivedMessage fromWire(io.strand.api.Message m, long epoch) {
        return new ReceivedMessage(m.getTopic(), m.isSetOffset() ? m.getOffset() : -1,
                Instant.ofEpochMilli(m.isSetTimestamp() ? m.getTimestamp() : 0),
                bytes(m.data), m.isSetKey() ? bytes(m.key) : null, m.getHeaders(), epoch);
    }

    static Position toWire(StartPosition p) {
        Position wire = new Position(StartKind.valueOf(p.kind().name()));
        if (p.kind() == StartPosition.Kind.OFFSET || p.kind() == StartPosition.Kind.TIMESTAMP) {
            wire.setValue(p.value());
        }
        return wire;
    }

    static StartPosition fromWire(Position p) {
        if (p == null || p.getKind() == null) {
            return StartPosition.latest();
        }
        return switch (p.getKind()) {
            case EARLIEST -> StartPosition.earliest();
            case LATEST -> StartPosition.latest();
            case OFFSET -> StartPosition.offset(p.getValue());
            case TIMESTAMP -> StartPosition.time(Instant.ofEpochMilli(p.getValue()));
        };
    }

    static Durability fromWire(io.strand.api.Durability d) {
        return d == io.strand.api.Durability.FSYNC ? Durability.FSYNC : Durability.WAL;
    }

    static io.strand.api.Durability toWire(Durability d) {
        return d == Durability.FSYNC ? io.strand.api.Durability.FSYNC : io.strand.api.Durability.WAL;
    }

    /**
     * A private copy of the buffer's remaining bytes. Reads the generated fields directly: their
     * {@code bufferFor...} accessors return copies, which made two payload copies per received message.
     */
    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
