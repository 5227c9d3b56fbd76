package io.strand.broker;

import io.strand.api.FetchRequest;
import io.strand.api.Message;
import io.strand.api.PubSub;
import io.strand.api.PublishBatchRequest;
import io.strand.api.TopicConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.thrift.TBase;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * The raw-byte cases of {@link FuzzIT}, drawn from a seeded {@link Random} so a failure can be replayed:
 * each case is the bytes a client sends on a fresh connection and whether it then half-closes (so that
 * the broker sees the end of a request it would otherwise wait for). No case can publish: they are
 * malformed, truncated, or target topics in the {@code fz-} namespace, which is never created.
 */
final class MalformedRequests {
    enum Kind {
        RANDOM_BYTES, TRUNCATED, BAD_FRAME_LENGTH, WRONG_FIELD_TYPES, DEEP_NESTING, HUGE_CONTAINER, UNKNOWN_METHOD,
        HEADER_THEN_GARBAGE
    }

    /** One case: {@code description} says enough to see what was sent. */
    record Case(Kind kind, String description, byte[] bytes, boolean halfClose) {
    }

    static final List<String> METHODS = List.of("publish", "publishBatch", "fetch", "subscribe", "openSession",
            "initProducer", "commit", "seek", "unsubscribe", "createTopic", "deleteTopic", "listTopics",
            "describeTopic", "listSubscriptions", "describeSubscription", "info");
    private static final byte[] TYPES = {TType.BOOL, TType.BYTE, TType.DOUBLE, TType.I16, TType.I32, TType.I64,
            TType.STRING, TType.STRUCT, TType.MAP, TType.SET, TType.LIST};
    private static final int[] FRAME_LENGTHS = {0x7fffffff, 0x80000000, 0xffffffff, -2, -65536, 0};

    private final Random random;
    private final int maxFrameBytes;

    MalformedRequests(Random random, int maxFrameBytes) {
        this.random = random;
        this.maxFrameBytes = maxFrameBytes;
    }

    Case next() throws TException {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return switch (kind) {
            case RANDOM_BYTES -> randomBytes();
            case TRUNCATED -> truncated();
            case BAD_FRAME_LENGTH -> badFrameLength();
            case WRONG_FIELD_TYPES -> wrongFieldTypes();
            case DEEP_NESTING -> deepNesting();
            case HUGE_CONTAINER -> hugeContainer();
            case UNKNOWN_METHOD -> unknownMethod();
            case HEADER_THEN_GARBAGE -> headerThenGarbage();
        };
    }

    private Case randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(2048)];
        random.nextBytes(bytes);
        return new Case(Kind.RANDOM_BYTES, bytes.length + " random bytes", bytes, true);
    }

    private Case truncated() throws TException {
        Wire wire = Wire.random(random);
        byte[] whole = wire.encode(validCall());
        int keep = 1 + random.nextInt(whole.length - 1);
        return new Case(Kind.TRUNCATED, wire + " call cut to " + keep + " of " + whole.length + " bytes",
                Arrays.copyOf(whole, keep), true);
    }

    private Case badFrameLength() {
        int length = random.nextInt(3) == 0 ? maxFrameBytes + 1 + random.nextInt(1 << 20)
                : FRAME_LENGTHS[random.nextInt(FRAME_LENGTHS.length)];
        byte[] tail = new byte[random.nextInt(64)];
        random.nextBytes(tail);
        if (tail.length > 0) {
            tail[0] = (byte) (random.nextBoolean() ? 0x80 : 0x82);
        }
        byte[] bytes = ByteBuffer.allocate(4 + tail.length).putInt(length).put(tail).array();
        return new Case(Kind.BAD_FRAME_LENGTH, "frame length " + Integer.toUnsignedString(length) + " (" + length + ")",
                bytes, false);
    }

    private Case wrongFieldTypes() throws TException {
        Wire wire = Wire.random(random);
        String method = METHODS.get(random.nextInt(METHODS.size()));
        byte[] bytes = wire.encode(out -> {
            out.writeMessageBegin(new TMessage(method, TMessageType.CALL, 0));
            writeStruct(out, 0, wire.compact);
            out.writeMessageEnd();
        });
        return new Case(Kind.WRONG_FIELD_TYPES, wire + " " + method + " with random fields", bytes, true);
    }

    private Case deepNesting() throws TException {
        Wire wire = Wire.random(random);
        int depth = new int[] {100, 2_000, 50_000, 300_000}[random.nextInt(4)];
        boolean lists = random.nextBoolean();
        String method = METHODS.get(random.nextInt(METHODS.size()));
        byte[] bytes = wire.encode(out -> {
            out.writeMessageBegin(new TMessage(method, TMessageType.CALL, 0));
            out.writeStructBegin(new TStruct());
            out.writeFieldBegin(new TField("", lists ? TType.LIST : TType.STRUCT, (short) 99));
            for (int i = 0; i < depth; i++) {
                if (lists) {
                    out.writeListBegin(new TList(TType.LIST, 1));
                } else {
                    out.writeStructBegin(new TStruct());
                    out.writeFieldBegin(new TField("", TType.STRUCT, (short) 99));
                }
            }
        });
        return new Case(Kind.DEEP_NESTING, wire + " " + method + " with " + (lists ? "lists" : "structs")
                + " nested " + depth + " deep", bytes, true);
    }

    private Case hugeContainer() throws TException {
        Wire wire = Wire.random(random);
        int size = new int[] {Integer.MAX_VALUE, 1_000_000_000, 65_537, 1_000_000, 65_536, -1}[random.nextInt(6)];
        byte container = new byte[] {TType.LIST, TType.SET, TType.MAP}[random.nextInt(3)];
        byte element = new byte[] {TType.STRUCT, TType.STRING, TType.BOOL, TType.I32}[random.nextInt(4)];
        boolean batch = random.nextBoolean();
        String method = batch ? "publishBatch" : METHODS.get(random.nextInt(METHODS.size()));
        byte[] bytes = wire.encode(out -> {
            out.writeMessageBegin(new TMessage(method, TMessageType.CALL, 0));
            out.writeStructBegin(new TStruct());
            if (batch) { // publishBatch(1: PublishBatchRequest{1: topic, 2: list<Message> messages})
                out.writeFieldBegin(new TField("", TType.STRUCT, (short) 1));
                out.writeStructBegin(new TStruct());
                out.writeFieldBegin(new TField("", TType.STRING, (short) 1));
                out.writeString("fz-p-huge");
                out.writeFieldBegin(new TField("", TType.LIST, (short) 2));
                out.writeListBegin(new TList(TType.STRUCT, size));
            } else {
                out.writeFieldBegin(new TField("", container, (short) (1 + random.nextInt(5))));
                switch (container) {
                    case TType.LIST -> out.writeListBegin(new TList(element, size));
                    case TType.SET -> out.writeSetBegin(new TSet(element, size));
                    default -> out.writeMapBegin(new TMap(element, element, size));
                }
            }
            int padding = random.nextInt(16);
            for (int i = 0; i < padding; i++) {
                out.writeByte((byte) 0);
            }
        });
        return new Case(Kind.HUGE_CONTAINER, wire + " " + method + " announcing a container of " + size, bytes, true);
    }

    private Case unknownMethod() throws TException {
        Wire wire = Wire.random(random);
        int length = new int[] {1 + random.nextInt(40), 300, 100_000}[random.nextInt(3)];
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        byte[] bytes = wire.encode(out -> {
            out.writeMessageBegin(new TMessage(name.toString(), TMessageType.CALL, 0));
            writeStruct(out, 1, wire.compact);
            out.writeMessageEnd();
        });
        return new Case(Kind.UNKNOWN_METHOD, wire + " unknown method of " + length + " characters", bytes, true);
    }

    private Case headerThenGarbage() throws TException {
        Wire wire = Wire.random(random);
        String method = METHODS.get(random.nextInt(METHODS.size()));
        byte[] garbage = new byte[1 + random.nextInt(512)];
        random.nextBytes(garbage);
        byte[] bytes = wire.encode(out -> {
            out.writeMessageBegin(new TMessage(method, TMessageType.CALL, 0));
            out.getTransport().write(garbage);
        });
        return new Case(Kind.HEADER_THEN_GARBAGE, wire + " " + method + " header and " + garbage.length
                + " garbage bytes", bytes, true);
    }

    /** A well-formed call that would not change any well-behaved topic if it ran. */
    private Writer validCall() {
        TBase<?, ?> args;
        String method;
        switch (random.nextInt(5)) {
            case 0 -> {
                method = "publish";
                args = new PubSub.publish_args(new Message("fz-p-" + random.nextInt(100),
                        ByteBuffer.wrap(new byte[random.nextInt(200)])));
            }
            case 1 -> {
                method = "publishBatch";
                args = new PubSub.publishBatch_args(new PublishBatchRequest("fz-p-batch",
                        List.of(new Message("", ByteBuffer.wrap(new byte[] {1})))));
            }
            case 2 -> {
                method = "fetch";
                args = new PubSub.fetch_args(new FetchRequest().setTopic("orders").setOffset(0));
            }
            case 3 -> {
                method = "createTopic";
                args = new PubSub.createTopic_args("fz-c-" + random.nextInt(1000), new TopicConfig());
            }
            default -> {
                method = "info";
                args = new PubSub.info_args();
            }
        }
        return out -> {
            out.writeMessageBegin(new TMessage(method, TMessageType.CALL, 0));
            args.write(out);
            out.writeMessageEnd();
        };
    }

    /** A struct of random fields of random types (nested at most three deep), ids 1 to 6. */
    private void writeStruct(TProtocol out, int depth, boolean compact) throws TException {
        out.writeStructBegin(new TStruct());
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (!compact && random.nextInt(40) == 0) { // a type byte no Thrift type has
                out.writeFieldBegin(new TField("", (byte) (16 + random.nextInt(200)), (short) 1));
                break;
            }
            byte type = depth >= 3 ? TYPES[random.nextInt(7)] : TYPES[random.nextInt(TYPES.length)];
            out.writeFieldBegin(new TField("", type, (short) (1 + random.nextInt(6))));
            writeValue(out, type, depth + 1, compact);
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    private void writeValue(TProtocol out, byte type, int depth, boolean compact) throws TException {
        switch (type) {
            case TType.BOOL -> out.writeBool(random.nextBoolean());
            case TType.BYTE -> out.writeByte((byte) random.nextInt());
            case TType.DOUBLE -> out.writeDouble(random.nextDouble());
            case TType.I16 -> out.writeI16((short) random.nextInt());
            case TType.I32 -> out.writeI32(random.nextInt());
            case TType.I64 -> out.writeI64(random.nextLong());
            case TType.STRING -> {
                byte[] bytes = new byte[random.nextInt(24)];
                random.nextBytes(bytes);
                out.writeBinary(ByteBuffer.wrap(bytes));
            }
            case TType.STRUCT -> writeStruct(out, depth, compact);
            default -> writeContainer(out, type, depth, compact);
        }
    }

    private void writeContainer(TProtocol out, byte type, int depth, boolean compact) throws TException {
        byte element = depth >= 3 ? TYPES[random.nextInt(7)] : TYPES[random.nextInt(TYPES.length)];
        int size = random.nextInt(5);
        switch (type) {
            case TType.LIST -> out.writeListBegin(new TList(element, size));
            case TType.SET -> out.writeSetBegin(new TSet(element, size));
            default -> out.writeMapBegin(new TMap(element, element, size));
        }
        for (int i = 0; i < size * (type == TType.MAP ? 2 : 1); i++) {
            writeValue(out, element, depth + 1, compact);
        }
    }

    /** What a case writes into a protocol. */
    @FunctionalInterface
    interface Writer {
        void write(TProtocol out) throws TException;
    }

    /** A wire format of the broker's four. */
    record Wire(boolean framed, boolean compact) {
        static Wire random(Random random) {
            return new Wire(random.nextBoolean(), random.nextBoolean());
        }

        byte[] encode(Writer writer) throws TException {
            TMemoryBuffer buffer = new TMemoryBuffer(256);
            writer.write(compact ? new TCompactProtocol(buffer) : new TBinaryProtocol(buffer));
            byte[] payload = Arrays.copyOf(buffer.getArray(), buffer.length());
            if (!framed) {
                return payload;
            }
            ByteArrayOutputStream framedBytes = new ByteArrayOutputStream(payload.length + 4);
            framedBytes.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
            framedBytes.writeBytes(payload);
            return framedBytes.toByteArray();
        }

        @Override
        public String toString() {
            return (framed ? "framed " : "unframed ") + (compact ? "compact" : "binary");
        }
    }
}
