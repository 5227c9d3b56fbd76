package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.Test;

class ConnectionTransportTest {
    private static final int LIMIT = 1 << 30;

    private static ConnectionMemory unlimited() {
        return new ConnectionMemory(new MemoryBudget(Long.MAX_VALUE), Duration.ZERO);
    }

    private static ConnectionTransport over(byte[] input, boolean framed) throws TTransportException {
        ConnectionTransport t = new ConnectionTransport(new ByteArrayInputStream(input), new ByteArrayOutputStream(), LIMIT, unlimited());
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

        ConnectionTransport transport = over(Arrays.copyOf(wire.getArray(), wire.length()), true);
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
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(new byte[0]), out, LIMIT, unlimited());
        transport.useFraming(true);
        transport.write(new byte[] {1, 2, 3}, 0, 3);
        transport.flush();
        transport.write(new byte[] {4}, 0, 1);
        transport.flush();
        assertArrayEquals(HexFormat.of().parseHex("00000003010203" + "0000000104"), out.toByteArray());
    }
    @Test
    void aFrameIsReservedFromTheBudgetBeforeItsBytesAreRead() throws Exception {
        // a frame announcing 1 MiB of which only the header and 4 bytes arrive; the budget has 512 KiB
        MemoryBudget budget = new MemoryBudget(512 * 1024);
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(
                HexFormat.of().parseHex("00100000" + "80010001")), new ByteArrayOutputStream(), LIMIT,
                new ConnectionMemory(budget, Duration.ZERO));
        transport.useFraming(true);
        MemoryBudgetException e = assertThrows(MemoryBudgetException.class, transport::awaitRequest);
        assertTrue(e.getMessage().contains("max.inflight.request.bytes"), e.getMessage());
        assertTrue(transport.bufferCapacity() <= 64 * 1024, "nothing was buffered: " + transport.bufferCapacity());
        assertEquals(0, budget.inUse());
    }

    @Test
    void aFramedRequestHoldsItsFrameUntilItEndsAndThenReturnsIt() throws Exception {
        byte[] payload = new byte[300 * 1024];
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(HexFormat.of().parseHex(String.format("%08x", payload.length)));
        wire.writeBytes(payload);
        MemoryBudget budget = new MemoryBudget(1 << 20);
        ConnectionMemory memory = new ConnectionMemory(budget, Duration.ZERO);
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(wire.toByteArray()),
                new ByteArrayOutputStream(), LIMIT, memory);
        transport.useFraming(true);
        assertTrue(transport.awaitRequest());
        assertTrue(budget.inUse() >= payload.length - ConnectionMemory.ALLOWANCE, "held: " + budget.inUse());
        transport.endRequest();
        assertEquals(0, budget.inUse(), "returned, and the large buffer dropped");
        assertTrue(transport.bufferCapacity() <= 64 * 1024);
    }

    @Test
    void unframedBytesAreChargedAsTheyArriveSoALargeUnframedRequestRunsOutOfBudget() throws Exception {
        // unframed call with a 2 MiB binary field; the budget has 1 MiB
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(HexFormat.of().parseHex("80010001" + "00000004696e666f" + "00000001" + "0b0001" + "00200000"));
        wire.writeBytes(new byte[2 << 20]);
        MemoryBudget budget = new MemoryBudget(1 << 20);
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(wire.toByteArray()),
                new ByteArrayOutputStream(), LIMIT, new ConnectionMemory(budget, Duration.ZERO));
        transport.useFraming(false);
        assertTrue(transport.awaitRequest());
        TBinaryProtocol protocol = new TBinaryProtocol(transport);
        protocol.readMessageBegin();
        protocol.readStructBegin();
        protocol.readFieldBegin();
        assertThrows(MemoryBudgetException.class, protocol::readBinary);
        assertTrue(budget.inUse() <= 1 << 20);
    }

    @Test
    void aResponseIsChargedAsItGrows() throws Exception {
        MemoryBudget budget = new MemoryBudget(256 * 1024);
        ConnectionMemory memory = new ConnectionMemory(budget, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(new byte[0]), out, LIMIT, memory);
        transport.useFraming(false);
        byte[] chunk = new byte[32 * 1024];
        for (int i = 0; i < 4; i++) {
            transport.write(chunk, 0, chunk.length);
        }
        assertTrue(budget.inUse() > 0, "128 KiB of response is beyond the free allowance");
        assertThrows(MemoryBudgetException.class, () -> {
            for (int i = 0; i < 16; i++) {
                transport.write(chunk, 0, chunk.length);
            }
        });
        memory.releaseAll();
        assertEquals(0, budget.inUse());
    }
    /** An unframed call whose argument is a list of 40 binaries of 60 KiB: copied out, not lent. */
    private static byte[] unframedListOfMediumBinaries() throws Exception {
        TMemoryBuffer wire = new TMemoryBuffer(3 << 20);
        TBinaryProtocol out = new TBinaryProtocol(wire);
        out.writeMessageBegin(new TMessage("x", TMessageType.CALL, 0));
        out.writeStructBegin(new TStruct());
        out.writeFieldBegin(new TField("", TType.LIST, (short) 1));
        out.writeListBegin(new TList(TType.STRING, 40));
        for (int i = 0; i < 40; i++) {
            out.writeBinary(ByteBuffer.wrap(new byte[60 * 1024]));
        }
        out.writeFieldStop();
        return Arrays.copyOf(wire.getArray(), wire.length());
    }

    private static List<ByteBuffer> readListOfBinaries(ConnectionTransport transport) throws Exception {
        TBinaryProtocol protocol = new TBinaryProtocol(transport);
        protocol.readMessageBegin();
        protocol.readStructBegin();
        protocol.readFieldBegin();
        int size = protocol.readListBegin().size;
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            kept.add(protocol.readBinary());
        }
        return kept;
    }

    @Test
    void unframedBytesTheProtocolCopiedOutStayChargedUntilTheRequestEnds() throws Exception {
        byte[] request = unframedListOfMediumBinaries();
        MemoryBudget small = new MemoryBudget(1 << 20);
        ConnectionTransport refused = new ConnectionTransport(new ByteArrayInputStream(request),
                new ByteArrayOutputStream(), LIMIT, new ConnectionMemory(small, Duration.ZERO));
        refused.useFraming(false);
        assertTrue(refused.awaitRequest());
        assertThrows(MemoryBudgetException.class, () -> readListOfBinaries(refused),
                "2.4 MiB of binaries held by the request do not fit 1 MiB, although the buffer stays small");

        MemoryBudget enough = new MemoryBudget(8 << 20);
        ConnectionTransport served = new ConnectionTransport(new ByteArrayInputStream(request),
                new ByteArrayOutputStream(), LIMIT, new ConnectionMemory(enough, Duration.ZERO));
        served.useFraming(false);
        assertTrue(served.awaitRequest());
        assertEquals(40, readListOfBinaries(served).size());
        assertTrue(enough.inUse() >= (2 << 20), "charged while held: " + enough.inUse());
        served.endRequest();
        assertEquals(0, enough.inUse());
    }

    @Test
    void aSingleLargeUnframedBinaryCostsAboutItsSizeNotTwice() throws Exception {
        // one 3 MiB binary, then the end of the struct: the buffer grows to hold the binary and lends it,
        // and reading the byte after it must not take another 3 MiB array; a 4 MiB budget is enough
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(HexFormat.of().parseHex("80010001" + "00000004696e666f" + "00000001" + "0b0001" + "00300000"));
        wire.writeBytes(new byte[3 << 20]);
        wire.writeBytes(new byte[] {TType.STOP});
        MemoryBudget budget = new MemoryBudget(4 << 20);
        ConnectionTransport transport = new ConnectionTransport(new ByteArrayInputStream(wire.toByteArray()),
                new ByteArrayOutputStream(), LIMIT, new ConnectionMemory(budget, Duration.ZERO));
        transport.useFraming(false);
        assertTrue(transport.awaitRequest());
        TBinaryProtocol protocol = new TBinaryProtocol(transport);
        protocol.readMessageBegin();
        protocol.readStructBegin();
        protocol.readFieldBegin();
        assertEquals(3 << 20, protocol.readBinary().remaining());
        assertEquals(TType.STOP, protocol.readFieldBegin().type);
        transport.endRequest();
        assertEquals(0, budget.inUse());
    }
}
