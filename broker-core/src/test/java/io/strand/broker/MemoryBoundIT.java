package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.Message;
import io.strand.api.PubSub;
import io.strand.api.StrandException;
import io.strand.broker.net.ClientWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's memory stays within {@code max.inflight.request.bytes} whatever clients send. Run with a
 * 256 MiB heap (see the pom), so that a broker buffering without that bound would run out of memory:
 * forty connections sending 60 MiB requests at once are 2.4 GB; a few frames of maps of short strings
 * decode to more than ten times their size. The broker must refuse what does not fit, keep serving a
 * well-behaved client throughout, return every byte of the budget, and keep no large buffer afterwards.
 */
@Timeout(120)
class MemoryBoundIT {
    private static final long MIB = 1 << 20;
    private static final long BUDGET = 64 * MIB;
    private static final Map<String, String> SETTINGS = Map.of("max.frame.bytes", "64MiB",
            "max.inflight.request.bytes", "64MiB", "inflight.request.wait.ms", "1000", "admin.port", "-1");

    @TempDir
    Path dir;

    private final List<Socket> sockets = new ArrayList<>();
    private ExecutorService pool;

    @AfterEach
    void tearDown() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private enum Outcome { ANSWERED, REFUSED }

    @Test
    void fortyConnectionsSendingSixtyMebibyteRequestsSlowlyStayWithinTheBudget() throws Exception {
        int connections = 40;
        pool = Executors.newFixedThreadPool(connections);
        try (Broker broker = TestBrokers.start(dir, SETTINGS);
             ClientWire.Client good = ClientWire.FRAMED_BINARY.connect(broker.port())) {
            List<Future<Outcome>> senders = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                boolean framed = i % 4 != 0; // 30 framed, 10 unframed
                senders.add(pool.submit(() -> sendLargePublish(broker.port(), framed, 60 * MIB)));
            }
            long peak = 0;
            int served = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!senders.stream().allMatch(Future::isDone) && System.nanoTime() < deadline) {
                peak = Math.max(peak, gauge(broker, "broker.inflight.request.bytes"));
                publishAndFetch(good.api(), served++);
                Thread.sleep(20);
            }
            int answered = 0;
            int refused = 0;
            for (Future<Outcome> sender : senders) {
                if (sender.get(30, TimeUnit.SECONDS) == Outcome.ANSWERED) {
                    answered++;
                } else {
                    refused++;
                }
            }
            System.out.printf("MemoryBoundIT: %d answered, %d refused, peak budget use %d MiB, %d well-behaved "
                    + "round trips meanwhile%n", answered, refused, peak / MIB, served);
            // 40 requests that each take over 480 ms to send cannot all get room within a 1 s wait
            assertTrue(refused >= 1 && broker.metrics().meter("broker.connections.memory.refused").getCount() >= 1,
                    "what did not fit in time was refused");
            assertTrue(peak <= BUDGET, "peak " + peak);
            assertTrue(served >= 1);
            publishAndFetch(good.api(), served);

            awaitGauge(broker, "broker.inflight.request.bytes", 0);
            assertEquals(Outcome.ANSWERED, sendLargePublish(broker.port(), true, 60 * MIB),
                    "with the budget free again, a 60 MiB request is read and answered");
            assertEquals(Outcome.ANSWERED, sendLargePublish(broker.port(), false, 60 * MIB),
                    "unframed as well");
            answered += 2;
            // answered connections are still open: they must not keep their 60 MiB buffers
            awaitGauge(broker, "broker.connections.active", 1 + answered);
            awaitGauge(broker, "broker.inflight.request.bytes", 0);
            assertHeapAfterGcBelow(96 * MIB);
        }
    }

    @Test
    void requestsThatDecodeToManyTimesTheirSizeAreChargedForIt() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        byte[] amplifying = mapsOfShortStrings(16 * MIB);
        try (Broker broker = TestBrokers.start(dir, SETTINGS);
             ClientWire.Client good = ClientWire.UNFRAMED_COMPACT.connect(broker.port())) {
            List<Future<Outcome>> senders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                senders.add(pool.submit(() -> sendAndAwait(broker.port(), amplifying)));
            }
            for (Future<Outcome> sender : senders) {
                assertEquals(Outcome.REFUSED, sender.get(60, TimeUnit.SECONDS),
                        "16 MiB that decode to ~250 MiB of maps cannot fit a 64 MiB budget");
            }
            assertEquals(2, broker.metrics().meter("broker.connections.memory.refused").getCount());
            publishAndFetch(good.api(), 0);
            awaitGauge(broker, "broker.inflight.request.bytes", 0);
            assertHeapAfterGcBelow(96 * MIB);
        }
    }

    /**
     * Sends a publish of a {@code dataBytes} message in 128 KiB chunks with a pause after each, then
     * waits for the answer (MESSAGE_TOO_LARGE) or for the broker to close the connection.
     */
    private Outcome sendLargePublish(int port, boolean framed, long dataBytes) throws Exception {
        Socket socket = open(port);
        byte[] prefix = publishPrefix((int) dataBytes);
        byte[] suffix = {TType.STOP, TType.STOP};
        try {
            OutputStream out = socket.getOutputStream();
            if (framed) {
                out.write(ByteBuffer.allocate(4).putInt((int) (prefix.length + dataBytes + suffix.length)).array());
            }
            out.write(prefix);
            byte[] chunk = new byte[128 * 1024];
            for (long sent = 0; sent < dataBytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, dataBytes - sent));
                Thread.sleep(1);
            }
            out.write(suffix);
        } catch (IOException e) {
            return Outcome.REFUSED; // closed under us while sending
        }
        TTransport transport = new TSocket(socket);
        PubSub.Client client = new PubSub.Client(new TBinaryProtocol(framed ? new TFramedTransport(transport,
                1 << 20) : transport));
        try {
            client.recv_publish();
            throw new AssertionError("a 60 MiB message was accepted");
        } catch (StrandException e) {
            assertEquals(ErrorCode.MESSAGE_TOO_LARGE, e.getCode(), e.getDetail());
            return Outcome.ANSWERED; // the socket stays open until the test ends
        } catch (TException e) {
            return Outcome.REFUSED;
        }
    }

    private Outcome sendAndAwait(int port, byte[] request) throws IOException {
        Socket socket = open(port);
        try {
            socket.getOutputStream().write(request);
            return socket.getInputStream().read() < 0 ? Outcome.REFUSED : Outcome.ANSWERED;
        } catch (IOException e) {
            return Outcome.REFUSED;
        }
    }

    private synchronized Socket open(int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** publish(Message{topic: "big", data: <length> bytes...}) up to the data's first byte (binary protocol). */
    private static byte[] publishPrefix(int dataLength) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TBinaryProtocol out = new TBinaryProtocol(buffer);
        out.writeMessageBegin(new TMessage("publish", TMessageType.CALL, 0));
        out.writeStructBegin(new TStruct());
        out.writeFieldBegin(new TField("message", TType.STRUCT, (short) 1));
        out.writeStructBegin(new TStruct());
        out.writeFieldBegin(new TField("topic", TType.STRING, (short) 1));
        out.writeString("big");
        out.writeFieldBegin(new TField("data", TType.STRING, (short) 2));
        out.writeI32(dataLength);
        return Arrays.copyOf(buffer.getArray(), buffer.length());
    }

    /**
     * A framed compact publishBatch of about {@code bytes}: messages whose headers are maps of 60,000
     * distinct short keys with empty values — 8 bytes an entry on the wire, over 100 on the heap.
     */
    private static byte[] mapsOfShortStrings(long bytes) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer((int) bytes + 1024);
        TProtocol out = new TCompactProtocol(buffer);
        int entries = 60_000;
        int messages = (int) (bytes / (entries * 8L));
        out.writeMessageBegin(new TMessage("publishBatch", TMessageType.CALL, 0));
        out.writeStructBegin(new TStruct());
        out.writeFieldBegin(new TField("request", TType.STRUCT, (short) 1));
        out.writeStructBegin(new TStruct());
        out.writeFieldBegin(new TField("topic", TType.STRING, (short) 1));
        out.writeString("amplified");
        out.writeFieldBegin(new TField("messages", TType.LIST, (short) 2));
        out.writeListBegin(new TList(TType.STRUCT, messages));
        for (int m = 0; m < messages; m++) {
            out.writeStructBegin(new TStruct());
            out.writeFieldBegin(new TField("topic", TType.STRING, (short) 1));
            out.writeString("amplified");
            out.writeFieldBegin(new TField("data", TType.STRING, (short) 2));
            out.writeBinary(ByteBuffer.allocate(0));
            out.writeFieldBegin(new TField("headers", TType.MAP, (short) 4));
            out.writeMapBegin(new TMap(TType.STRING, TType.STRING, entries));
            for (int e = 0; e < entries; e++) {
                out.writeString(String.format("k%05d", e));
                out.writeString("");
            }
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeFieldStop();
        out.writeStructEnd();
        ByteArrayOutputStream framed = new ByteArrayOutputStream(buffer.length() + 4);
        framed.writeBytes(ByteBuffer.allocate(4).putInt(buffer.length()).array());
        framed.write(buffer.getArray(), 0, buffer.length());
        return framed.toByteArray();
    }

    private static void publishAndFetch(PubSub.Client api, int round) throws TException {
        api.publish(new Message("small", ByteBuffer.wrap(new byte[] {(byte) round})));
        long end = api.describeTopic("small").getEndOffset();
        assertEquals(1, api.fetch(new FetchRequest().setTopic("small").setOffset(end - 1)).getMessagesSize());
    }

    private static long gauge(Broker broker, String name) {
        return ((Number) broker.metrics().getGauges().get(name).getValue()).longValue();
    }

    private static void awaitGauge(Broker broker, String name, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (gauge(broker, name) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, gauge(broker, name), name);
    }

    /** Heap in use after a full collection (an upper bound of what is live; no timing involved). */
    private static void assertHeapAfterGcBelow(long bound) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3 && used >= bound; i++) {
            System.gc();
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        System.out.println("MemoryBoundIT: heap used after GC " + used / MIB + " MiB of "
                + Runtime.getRuntime().maxMemory() / MIB + " MiB");
        assertTrue(used < bound, "heap after GC: " + used / MIB + " MiB");
    }
}
