package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

class LimitedProtocolTest {
    private final List<Long> charges = new ArrayList<>();

    /** A struct nested {@code depth} deep through field 99 (unknown to every generated struct). */
    private static TMemoryBuffer nestedStructs(int depth, boolean compact) throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(depth * 4 + 16);
        TProtocol out = compact ? new TCompactProtocol(buffer) : new TBinaryProtocol(buffer);
        for (int i = 0; i < depth; i++) {
            out.writeStructBegin(new TStruct());
            out.writeFieldBegin(new TField("", TType.STRUCT, (short) 99));
        }
        out.writeStructBegin(new TStruct());
        out.writeFieldStop();
        for (int i = 0; i < depth; i++) {
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
        }
        return buffer;
    }

    @Test
    void skippingAMillionLevelsOfNestingFailsCleanlyInsteadOfOverflowingTheStack() throws Exception {
        for (boolean compact : new boolean[] {false, true}) {
            TMemoryBuffer buffer = nestedStructs(1_000_000, compact);
            LimitedProtocol in = new LimitedProtocol(compact ? new TCompactProtocol(buffer) : new TBinaryProtocol(buffer),
                    charges::add);
            TProtocolException e = assertThrows(TProtocolException.class, () -> TProtocolUtil.skip(in, TType.STRUCT));
            assertEquals(TProtocolException.DEPTH_LIMIT, e.getType());
        }
    }

    @Test
    void nestingUpToTheLimitIsReadAndTheDepthIsForgottenBetweenRequests() throws Exception {
        TMemoryBuffer buffer = nestedStructs(LimitedProtocol.MAX_DEPTH - 1, false);
        LimitedProtocol in = new LimitedProtocol(new TBinaryProtocol(buffer), charges::add);
        TProtocolUtil.skip(in, TType.STRUCT);
        TMemoryBuffer deeper = nestedStructs(LimitedProtocol.MAX_DEPTH + 5, false);
        LimitedProtocol again = new LimitedProtocol(new TBinaryProtocol(deeper), charges::add);
        assertThrows(TProtocolException.class, () -> TProtocolUtil.skip(again, TType.STRUCT));
        again.startRequest();
        TMemoryBuffer fine = nestedStructs(3, false);
        LimitedProtocol reused = new LimitedProtocol(new TBinaryProtocol(fine), charges::add);
        reused.startRequest();
        TProtocolUtil.skip(reused, TType.STRUCT);
    }

    @Test
    void containerElementsAreChargedBeforeTheyAreAllocated() throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TCompactProtocol out = new TCompactProtocol(buffer);
        out.writeListBegin(new TList(TType.STRUCT, 3));
        for (int i = 0; i < 3; i++) {
            out.writeStructBegin(new TStruct());
            out.writeFieldStop();
            out.writeStructEnd();
        }
        out.writeMapBegin(new TMap(TType.STRING, TType.STRING, 2));
        for (String s : new String[] {"a", "", "b", ""}) {
            out.writeString(s);
        }
        LimitedProtocol in = new LimitedProtocol(new TCompactProtocol(buffer), charges::add);
        TProtocolUtil.skip(in, TType.LIST);
        TProtocolUtil.skip(in, TType.MAP);
        assertEquals(List.of(3L * LimitedProtocol.ELEMENT_BYTES, 2L * LimitedProtocol.ELEMENT_BYTES), charges);
    }

    @Test
    void anAbsurdlyLongMethodNameEndsTheConnection() throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(1024);
        new TBinaryProtocol(buffer).writeMessageBegin(new TMessage("x".repeat(300), TMessageType.CALL, 1));
        LimitedProtocol in = new LimitedProtocol(new TBinaryProtocol(buffer), charges::add);
        ProtocolViolationException e = assertThrows(ProtocolViolationException.class, in::readMessageBegin);
        assertTrue(e.getMessage().contains("300"), e.getMessage());
    }
}
