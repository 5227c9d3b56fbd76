package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.DeliveryMode;
import io.strand.api.Endpoint;
import io.strand.api.FetchRequest;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PubSub;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StartKind;
import io.strand.api.Subscriber;
import io.strand.broker.net.ClientWire;
import io.strand.broker.push.TestConsumerServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that are slow or stuck rather than malformed, against a real broker (256 MiB heap, see the
 * pom): connections that send nothing, a burst far above {@code max.connections}, a subscriber that
 * never reads its responses, a push endpoint that hangs. Each costs the broker a bounded amount of
 * time, threads and memory, and nobody else notices.
 */
@Timeout(120)
class SlowClientsIT {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private Socket raw(int port, int receiveBuffer) throws IOException {
        Socket socket = closeLater(new Socket());
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static long gauge(Broker broker, String name) {
        return ((Number) broker.metrics().getGauges().get(name).getValue()).longValue();
    }

    private static long meter(Broker broker, String name) {
        return broker.metrics().meter(name).getCount();
    }

    /** Reads until EOF or reset (at most 100 MB); true when the broker closed the connection. */
    private static boolean closedByBroker(InputStream in) throws IOException {
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

    private static void publishAndRead(int port, String topic) throws TException {
        try (ClientWire.Client client = ClientWire.UNFRAMED_BINARY.connect(port)) {
            long end = client.api().publishBatch(new PublishBatchRequest(topic,
                    List.of(new Message("", ByteBuffer.wrap(new byte[] {1}))))).getBaseOffset() + 1;
            assertEquals(end, client.api().fetch(new FetchRequest().setTopic(topic).setOffset(0)
                    .setMaxMessages(100_000)).getMessagesSize());
        }
    }

    @Test
    void connectionsThatSendNothingOrStopHalfWayAreClosedAtTheIdleTimeout() throws Exception {
        try (Broker broker = TestBrokers.start(dir, Map.of("connection.idle.timeout.ms", "500"))) {
            List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                silent.add(raw(broker.port(), 0));
            }
            List<Socket> halfWay = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Socket socket = raw(broker.port(), 0);
                // half a frame header, or a frame announcing 1 MiB of which 10 bytes come
                socket.getOutputStream().write(i % 2 == 0 ? new byte[] {0, 0}
                        : new byte[] {0, 0x10, 0, 0, (byte) 0x80, 1, 0, 1, 0, 0, 0, 0, 0, 0});
                halfWay.add(socket);
            }
            publishAndRead(broker.port(), "meanwhile");
            for (Socket socket : silent) {
                assertTrue(closedByBroker(socket.getInputStream()), "a silent connection was closed");
            }
            for (Socket socket : halfWay) {
                assertTrue(closedByBroker(socket.getInputStream()), "a connection stuck inside a request was closed");
            }
            assertEquals(30, meter(broker, "broker.connections.idle.closed"));
            await("every connection to end", () -> gauge(broker, "broker.connections.active") == 0);
            assertEquals(0, gauge(broker, "broker.inflight.request.bytes"), "the announced frames' memory was returned");
            publishAndRead(broker.port(), "meanwhile");
        }
    }

    @Test
    void aBurstOfAThousandConnectionsAboveTheLimitIsRefusedAtOnceWhileAdmittedClientsKeepWorking() throws Exception {
        try (LogCounter logs = LogCounter.attach();
             Broker broker = TestBrokers.start(dir, Map.of("max.connections", "100"))) {
            List<ClientWire.Client> admitted = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ClientWire.Client client = closeLater(ClientWire.values()[i % 4].connect(broker.port()));
                client.api().info();
                admitted.add(client);
            }
            List<Future<Boolean>> burst = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                ClientWire wire = ClientWire.values()[i % 4];
                burst.add(pool.submit(() -> refused(wire, broker.port())));
            }
            int refused = 0;
            for (Future<Boolean> attempt : burst) {
                refused += attempt.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1000, refused, "every connection above max.connections was refused");
            assertEquals(1000, meter(broker, "broker.connections.rejected"));
            for (int i = 0; i < admitted.size(); i++) {
                admitted.get(i).api().publish(new Message("admitted", ByteBuffer.wrap(new byte[] {(byte) i})));
            }
            assertEquals(100, admitted.get(0).api().describeTopic("admitted").getEndOffset());
            assertTrue(logs.describe().contains("max.connections (100) reached"), logs.describe());
            assertTrue(logs.warnings().size() <= 5, "rate-limited:\n" + logs.describe());

            for (int i = 0; i < 10; i++) {
                admitted.get(i).close();
            }
            await("closed connections to leave", () -> gauge(broker, "broker.connections.active") == 90);
            publishAndRead(broker.port(), "after");
        }
    }

    /** True when the broker refused the connection: closed before or at the first call, within 10 s. */
    private static boolean refused(ClientWire wire, int port) throws TException {
        try (ClientWire.Client client = wire.connect(port)) {
            client.api().info();
            return false;
        } catch (TTransportException e) {
            if (e.getType() == TTransportException.TIMED_OUT) {
                throw new AssertionError("a refused connection was left hanging", e);
            }
            return true;
        }
    }

    @Test
    void aSubscriberThatNeverReadsIsClosedAtTheWriteTimeoutAndOthersGetTheirData() throws Exception {
        try (Broker broker = TestBrokers.start(dir, Map.of("connection.write.timeout.ms", "500"));
             ClientWire.Client setup = ClientWire.FRAMED_COMPACT.connect(broker.port())) {
            for (int batch = 0; batch < 8; batch++) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    messages.add(new Message("", ByteBuffer.wrap(new byte[16 * 1024])));
                }
                setup.api().publishBatch(new PublishBatchRequest("big", messages));
            }
            for (String name : List.of("lazy", "eager")) {
                setup.api().subscribe(new Subscriber(name).setTopic("big").setStart(new Position(StartKind.EARLIEST)));
            }
            // 100 pipelined fetches of up to 8 MiB each, on a socket whose reader never reads
            byte[] fetch = framedCompactCall("fetch", new io.strand.api.PubSub.fetch_args(new FetchRequest()
                    .setSubscription("lazy").setMaxMessages(10_000).setMaxBytes(8 << 20)));
            Socket lazy = raw(broker.port(), 4096);
            OutputStream out = lazy.getOutputStream();
            Future<?> writing = pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < 100; i++) {
                    out.write(fetch);
                }
                return null;
            });
            await("the write timeout", () -> meter(broker, "broker.connections.write.timeout") == 1);

            PubSub.Client eager = setup.api();
            long session = eager.openSession(new Subscriber("eager")).getSessionId();
            long read = 0;
            for (int i = 0; i < 100 && read < 512; i++) {
                read += eager.fetch(new FetchRequest().setSubscription("eager").setSessionId(session)
                        .setMaxMessages(1000)).getMessagesSize();
            }
            assertEquals(512, read, "the other subscriber got everything");
            assertTrue(closedByBroker(lazy.getInputStream()), "the stuck subscriber's connection was closed");
            lazy.close();
            try {
                writing.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // its writes fail once the connection is gone
            }
            await("the stuck connection to end", () -> gauge(broker, "broker.connections.active") == 1);
            await("its response's memory to be returned", () -> gauge(broker, "broker.inflight.request.bytes") == 0);
        }
    }

    private static byte[] framedCompactCall(String method, org.apache.thrift.TBase<?, ?> args) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(256);
        TCompactProtocol protocol = new TCompactProtocol(buffer);
        protocol.writeMessageBegin(new TMessage(method, TMessageType.CALL, 0));
        args.write(protocol);
        protocol.writeMessageEnd();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes(ByteBuffer.allocate(4).putInt(buffer.length()).array());
        framed.writeBytes(Arrays.copyOf(buffer.getArray(), buffer.length()));
        return framed.toByteArray();
    }

    @Test
    void aHangingPushEndpointIsTimedOutAndRetriedWithBackoffWhileAnotherPushSubscriptionKeepsReceiving()
            throws Exception {
        HangingEndpoint hanging = closeLater(new HangingEndpoint());
        TestConsumerServer healthy = closeLater(TestConsumerServer.start(0));
        TestConsumerServer rescue = closeLater(TestConsumerServer.start(0));
        try (Broker broker = TestBrokers.start(dir, Map.of("push.timeout.ms", "300", "push.backoff.initial.ms", "50",
                "push.backoff.max.ms", "200", "push.batch.messages", "10", "push.max.deliveries", "1000000"));
             ClientWire.Client client = ClientWire.FRAMED_BINARY.connect(broker.port())) {
            PubSub.Client api = client.api();
            api.subscribe(push("stuck", hanging.port()));
            api.subscribe(push("healthy", healthy.port()));
            for (int batch = 0; batch < 20; batch++) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    messages.add(new Message("", ByteBuffer.wrap(new byte[1024])));
                }
                api.publishBatch(new PublishBatchRequest("events", messages));
            }

            await("the healthy endpoint to get all 200", () -> distinct(healthy.offsets()).size() == 200);
            assertEquals(LongStream.range(0, 200).boxed().toList(), distinct(healthy.offsets()), "in order");
            await("the stuck endpoint to be retried", () -> hanging.connections() >= 3 && failures(api, "stuck") >= 3);
            assertEquals(0, api.describeSubscription("stuck").getCursors().get(0).getCommittedOffset(),
                    "nothing was acknowledged");
            assertTrue(meter(broker, "broker.push.failures") >= 3);
            assertTrue(hanging.maxBytesOnOneConnection() < 64 * 1024, "one batch (10 x 1 KiB) per attempt, not a "
                    + "queue of everything: " + hanging.maxBytesOnOneConnection() + " bytes on one connection");

            api.subscribe(new Subscriber("stuck").setMode(DeliveryMode.PUSH)
                    .setPushEndpoint(new Endpoint("127.0.0.1", rescue.port())));
            await("the stuck subscription to deliver everything once its endpoint works",
                    () -> distinct(rescue.offsets()).size() == 200);
            assertEquals(LongStream.range(0, 200).boxed().toList(), distinct(rescue.offsets()));
        }
    }

    private static int failures(PubSub.Client api, String subscription) {
        try {
            return api.describeSubscription(subscription).getConsecutiveFailures();
        } catch (TException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Subscriber push(String name, int port) {
        return new Subscriber(name).setTopic("events").setStart(new Position(StartKind.EARLIEST))
                .setMode(DeliveryMode.PUSH).setPushEndpoint(new Endpoint("127.0.0.1", port));
    }

    private static List<Long> distinct(List<Long> offsets) {
        return new ArrayList<>(new LinkedHashSet<>(offsets));
    }
}
