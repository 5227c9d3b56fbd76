package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.Test;

class ConnectionTransportTest {
    private static final int LIMIT = 1 << 30;

    private static ConnectionTransport over(byte[] input, boolean framed) throws TTransportException {
        ConnectionTransport t = new ConnectionTransport(new ByteArrayInputStream(input), new ByteArrayOutputStream(), LIMIT);
        t.useFraming(framed);
        return t;
    }

    @Test
    void aLargeAnnouncedStringIsNotAllocatedBeforeItsBytesArrive() throws Exception {
        // unframed call "info", then a string field announcing 900 MB, of which 10 bytes arrive
        byte[] input = HexFormat.of().parseHex("80010001" + "00000004696e666f" + "00000001"
                + "0b0001" + "35a4e900" + "00112233445566778899");
        ConnectionTransport transport = over(input, false);
        assertTrue(transport.awaitRequest());
        TBinaryProtocol protocol = new TBinaryProtocol(transport);
        assertEquals("info", protocol.readMessageBegin().name);
        protocol.readStructBegin();
        protocol.readFieldBegin();
        TTransportException e = assertThrows(TTransportException.class, protocol::readBinary);
        assertEquals(TTransportException.END_OF_FILE, e.getType());
        assertTrue(transport.bufferCapacity() <= 64 * 1024, "buffer stayed small: " + transport.bufferCapacity());
    }

    @Test
    void aStringLongerThanWhatIsLeftOfTheFrameIsRefusedBeforeAllocation() throws Exception {
        byte[] input = HexFormat.of().parseHex("0000000c" + "0b0001" + "7ffffff0" + "0000000000");
        ConnectionTransport transport = over(input, true);
        assertTrue(transport.awaitRequest());
        TBinaryProtocol protocol = new TBinaryProtocol(transport);
        protocol.readFieldBegin();
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class, protocol::readBinary);
        assertTrue(e.getMessage().contains("remain in its frame"), e.getMessage());
    }

    @Test
    void framedRequestsAreReadOneFrameAtATimeAndUnreadRestIsSkipped() throws Exception {
        TMemoryBuffer wire = new TMemoryBuffer(64);
        TFramedTransport framedOut = new TFramedTransport(wire);
        TBinaryProtocol writer = new TBinaryProtocol(framedOut);
        writer.writeMessageBegin(new TMessage("first", TMessageType.CALL, 1));
        writer.writeI32(42);
        framedOut.flush();
        writer.writeMessageBegin(new TMessage("second", TMessageType.CALL, 2));
        framedOut.flush();

        ConnectionTransport transport = over(java.util.Arrays.copyOf(wire.getArray(), wire.length()), true);
        TBinaryProtocol reader = new TBinaryProtocol(transport);
        assertTrue(transport.awaitRequest());
        assertEquals("first", reader.readMessageBegin().name);
        transport.endRequest(); // leaves the i32 unread
        assertTrue(transport.awaitRequest());
        assertEquals("second", reader.readMessageBegin().name);
        transport.endRequest();
        assertFalse(transport.awaitRequest(), "clean end of stream between requests");
    }

    @Test
    void aZeroCopyBinaryIsNotOverwrittenByLaterReads() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
            bytes.writeBytes(HexFormat.of().parseHex("00000004" + String.format("%08x", i)));
        }
        ConnectionTransport transport = over(bytes.toByteArray(), false);
        TBinaryProtocol reader = new TBinaryProtocol(transport);
        ByteBuffer[] kept = new ByteBuffer[3000];
        for (int i = 0; i < 3000; i++) {
            assertTrue(transport.awaitRequest());
            kept[i] = reader.readBinary();
            transport.endRequest();
        }
        for (int i = 0; i < 3000; i++) {
            assertEquals(i, kept[i].getInt(kept[i].position()), "binary " + i + " still holds its bytes");
        }
    }

    @Test
    void responsesAreFramedWhenTheRequestWas() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(new byte[0]), out, LIMIT);
        transport.useFraming(true);
        transport.write(new byte[] {1, 2, 3}, 0, 3);
        transport.flush();
        transport.write(new byte[] {4}, 0, 1);
        transport.flush();
        assertArrayEquals(HexFormat.of().parseHex("00000003010203" + "0000000104"), out.toByteArray());
    }
}
