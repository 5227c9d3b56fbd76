package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.strand.api.FetchRequest;
import io.strand.api.Message;
import io.strand.api.PubSub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TBase;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport's defences against clients that misbehave on purpose or by accident, on an in-process
 * server: clients that stop reading, requests that would take more memory than the budget, requests
 * nested deep enough to overflow a stack.
 */
@Timeout(60)
class HostileClientTest {
    private static final int MAX_FRAME = 1 << 20;
    private final MetricRegistry metrics = new MetricRegistry();
    private final InMemoryPubSub service = new InMemoryPubSub();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private ThriftServer server;

    private void start(ServerSettings settings) {
        server = ThriftServer.start(settings, new PubSub.Processor<>(service), metrics);
    }

    private static ServerSettings basics() {
        return TestSettings.of("127.0.0.1", 0, 50, MAX_FRAME, 10_000, Optional.of(Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A framed binary call of {@code method} whose argument struct {@code args} writes. */
    static byte[] framedCall(String method, int seqid, ArgsWriter args) throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(1024);
        TBinaryProtocol out = new TBinaryProtocol(buffer);
        out.writeMessageBegin(new TMessage(method, TMessageType.CALL, seqid));
        args.write(out);
        out.writeMessageEnd();
        byte[] payload = Arrays.copyOf(buffer.getArray(), buffer.length());
        ByteArrayOutputStream framed = new ByteArrayOutputStream(payload.length + 4);
        framed.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
        framed.writeBytes(payload);
        return framed.toByteArray();
    }

    static ArgsWriter struct(TBase<?, ?> args) {
        return args::write;
    }

    @FunctionalInterface
    interface ArgsWriter {
        void write(TProtocol out) throws Exception;
    }

    private Socket rawSocket(int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        socket.setSoTimeout(20_000);
        toClose.add(socket);
        return socket;
    }

    private ClientWire.Client connect(ClientWire wire) throws Exception {
        ClientWire.Client client = wire.connect(server.port());
        toClose.add(client);
        return client;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** Reads until EOF or reset, at most 100 MB; true if the server closed the connection. */
    private static boolean closedByServer(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        try {
            for (int i = 0; i < 1600; i++) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void aClientThatNeverReadsItsResponsesIsClosedAtTheWriteTimeoutWhileOthersAreServed() throws Exception {
        start(TestSettings.withWriteTimeout(basics(), Duration.ofMillis(300)));
        List<Message> big = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            big.add(new Message("big", ByteBuffer.wrap(new byte[32 * 1024])));
        }
        service.publishBatch(new io.strand.api.PublishBatchRequest("big", big));
        byte[] fetch = framedCall("fetch", 1, struct(new PubSub.fetch_args(
                new FetchRequest().setTopic("big").setOffset(0).setMaxMessages(1000))));

        Socket stuck = rawSocket(4096);
        OutputStream out = stuck.getOutputStream();
        pool.submit(() -> {
            for (int i = 0; i < 200; i++) {
                out.write(fetch); // blocks once the broker stops reading; ends when the socket closes
            }
            return null;
        });
        await("the write timeout", () -> metrics.meter(TransportMetrics.WRITE_TIMEOUTS).getCount() == 1);

        PubSub.Client other = connect(ClientWire.FRAMED_COMPACT).api();
        other.publish(new Message("small", ByteBuffer.wrap(new byte[] {7})));
        assertEquals(1, other.fetch(new FetchRequest().setTopic("small").setOffset(0)).getMessagesSize());
        assertTrue(closedByServer(stuck.getInputStream()), "the stuck connection was closed");
        await("the stuck connection to end", () -> server.activeConnections() == 1);
        await("its response's memory to be returned", () -> server.inflightBytes() == 0);
    }

    @Test
    void aRequestThatFindsNoMemoryInTimeIsRefusedAndSmallRequestsKeepWorking() throws Exception {
        start(TestSettings.withMemoryBudget(basics(), MAX_FRAME, Duration.ofMillis(300)));
        byte[] large = framedCall("publish", 0, struct(new PubSub.publish_args(
                new Message("large", ByteBuffer.wrap(new byte[MAX_FRAME - 1024])))));
        Socket holder = rawSocket(0);
        holder.getOutputStream().write(large, 0, 1000); // announces ~1 MiB and sends a little of it
        await("the first frame to be reserved", () -> server.inflightBytes() > MAX_FRAME / 2);

        Socket refused = rawSocket(0);
        refused.getOutputStream().write(large, 0, 1000);
        assertTrue(closedByServer(refused.getInputStream()), "no room within 300 ms: closed");
        assertEquals(1, metrics.meter(TransportMetrics.MEMORY_REFUSED).getCount());

        PubSub.Client small = connect(ClientWire.UNFRAMED_BINARY).api();
        small.publish(new Message("small", ByteBuffer.wrap(new byte[100])));
        assertEquals(1, small.info().getTopics(), "small requests do not need the budget");

        holder.getOutputStream().write(large, 1000, large.length - 1000);
        TFramedTransport transport = new TFramedTransport(new TSocket(holder));
        new PubSub.Client(new TBinaryProtocol(transport)).recv_publish();
        await("the answered request to return its memory", () -> server.inflightBytes() == 0);
        assertEquals(2, small.info().getTopics());
    }

    @Test
    void drainingDoesNotWaitOutAConnectionThatIsWaitingForMemory() throws Exception {
        start(TestSettings.withMemoryBudget(basics(), MAX_FRAME, Duration.ofMinutes(5)));
        // a long-poll whose frame is padded to almost 1 MiB: busy, so the drain lets it hold its memory
        byte[] paddedPoll = framedCall("fetch", 0, out -> {
            out.writeStructBegin(new TStruct());
            out.writeFieldBegin(new TField("request", TType.STRUCT, (short) 1));
            new FetchRequest().setTopic("quiet").setOffset(0).setMaxWaitMs(30_000).write(out);
            out.writeFieldBegin(new TField("padding", TType.STRING, (short) 99));
            out.writeBinary(ByteBuffer.wrap(new byte[MAX_FRAME - 2048]));
            out.writeFieldStop();
            out.writeStructEnd();
        });
        Socket poller = rawSocket(0);
        poller.getOutputStream().write(paddedPoll);
        await("the long-poll to hold its memory while it waits",
                () -> server.busyConnections() == 1 && server.inflightBytes() > MAX_FRAME / 2);
        byte[] large = framedCall("publish", 0, struct(new PubSub.publish_args(
                new Message("large", ByteBuffer.wrap(new byte[MAX_FRAME - 1024])))));
        rawSocket(0).getOutputStream().write(large, 0, 1000);
        await("the second connection to wait for memory (up to 5 minutes)", () -> server.waitingForMemory() == 1);

        server.stopAccepting();
        server.beginDrain();
        await("the waiting connection to end with the drain",
                () -> server.waitingForMemory() == 0 && server.activeConnections() == 1);
        service.publish(new Message("quiet", ByteBuffer.wrap(new byte[] {1})));
        PubSub.Client client = new PubSub.Client(new TBinaryProtocol(new TFramedTransport(new TSocket(poller))));
        assertEquals(1, client.recv_fetch().getMessagesSize(), "the busy long-poll was answered");
        assertTrue(server.awaitDrained(Duration.ofSeconds(20)));
        assertEquals(0, server.inflightBytes());
    }

    @Test
    void aRequestNestedAMillionLevelsDeepIsAnsweredWithAProtocolErrorAndTheConnectionStaysUsable() throws Exception {
        start(basics());
        int depth = 200_000;
        byte[] request = framedCall("info", 1, out -> {
            out.writeStructBegin(new TStruct());
            for (int i = 0; i < depth; i++) {
                out.writeFieldBegin(new TField("", TType.STRUCT, (short) 99));
                out.writeStructBegin(new TStruct());
            }
            for (int i = 0; i <= depth; i++) {
                out.writeFieldStop();
                out.writeStructEnd();
            }
        });
        Socket socket = rawSocket(0);
        socket.getOutputStream().write(request);
        PubSub.Client client = new PubSub.Client(new TBinaryProtocol(new TFramedTransport(new TSocket(socket))));
        TApplicationException e = assertThrows(TApplicationException.class, client::recv_info);
        assertEquals(TApplicationException.PROTOCOL_ERROR, e.getType());
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
        assertEquals(0, client.info().getTopics(), "the frame delimited the bad request; the connection goes on");
        await("the request's memory to be returned", () -> server.inflightBytes() == 0);
    }
}
