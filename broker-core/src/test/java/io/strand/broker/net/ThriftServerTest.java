package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.PubSub;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class ThriftServerTest {
    private final InMemoryPubSub service = new InMemoryPubSub();
    private final MetricRegistry metrics = new MetricRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ThriftServer server;

    private ThriftServer start(int maxConnections, int maxContainerElements, Optional<Duration> idle) {
        server = ThriftServer.start(TestSettings.of("127.0.0.1", 0, maxConnections, 1 << 20,
                maxContainerElements, idle), new PubSub.Processor<>(service), metrics);
        return server;
    }

    private ThriftServer start() {
        return start(100, 1000, Optional.of(Duration.ofMinutes(1)));
    }

    private ClientWire.Client connect(ClientWire wire) throws TTransportException {
        ClientWire.Client client = wire.connect(server.port());
        toClose.add(client);
        return client;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Message message(String text) {
        return new Message("", ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Message m) {
        return StandardCharsets.UTF_8.decode(m.bufferForData()).toString();
    }

    static FetchRequest fetch(String topic, long offset, int maxWaitMs) {
        return new FetchRequest().setTopic(topic).setOffset(offset).setMaxWaitMs(maxWaitMs);
    }

    @ParameterizedTest
    @EnumSource(ClientWire.class)
    void everyWireFormatGetsCorrectAnswers(ClientWire wire) throws TException {
        start();
        PubSub.Client api = connect(wire).api();
        PublishAck ack = api.publishBatch(new PublishBatchRequest("t", List.of(message("a"), message("b"))));
        assertEquals(0, ack.getBaseOffset());
        assertEquals(2, ack.getCount());
        api.publish(new Message("t", ByteBuffer.wrap("c".getBytes(StandardCharsets.UTF_8))));
        FetchResult result = api.fetch(fetch("t", 1, 0));
        assertEquals(List.of("b", "c"), result.getMessages().stream().map(ThriftServerTest::text).toList());
        assertEquals(3, result.getNextOffsets().get(0).getOffset());
        assertEquals(1, api.info().getTopics());
    }

    @Test
    void allFourWireFormatsAreServedSideBySideOnOnePort() throws TException {
        start();
        List<PubSub.Client> clients = new ArrayList<>();
        for (ClientWire wire : ClientWire.values()) {
            clients.add(connect(wire).api());
        }
        for (int round = 0; round < 3; round++) {
            for (PubSub.Client c : clients) {
                c.publish(new Message("shared", ByteBuffer.wrap(new byte[] {(byte) round})));
            }
        }
        for (PubSub.Client c : clients) {
            assertEquals(12, c.fetch(fetch("shared", 0, 0)).getMessagesSize());
        }
        assertEquals(4, server.activeConnections());
    }

    @Test
    void aWaitingLongPollDoesNotStallOtherConnections() throws Exception {
        start();
        PubSub.Client waiter = connect(ClientWire.FRAMED_COMPACT).api();
        PubSub.Client publisher = connect(ClientWire.UNFRAMED_BINARY).api();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<FetchResult> poll = pool.submit(() -> waiter.fetch(fetch("quiet", 0, 20_000)));
            for (int i = 0; i < 20; i++) {
                publisher.publish(new Message("busy", ByteBuffer.wrap(new byte[] {(byte) i})));
            }
            assertEquals(20, publisher.fetch(fetch("busy", 0, 0)).getMessagesSize());
            assertFalse(poll.isDone(), "the long-poll is still waiting while the other connection was served");
            publisher.publish(message("wake").setTopic("quiet"));
            FetchResult woken = poll.get(10, TimeUnit.SECONDS);
            assertEquals("wake", text(woken.getMessages().get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThousandConcurrentConnectionsAreServed() throws Exception {
        start(1024, 1000, Optional.of(Duration.ofMinutes(1)));
        int n = 1000;
        List<ClientWire.Client> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (int i = 0; i < n; i++) {
                clients.add(connect(ClientWire.values()[i % 4]));
            }
            List<Future<Integer>> calls = new ArrayList<>();
            for (ClientWire.Client c : clients) {
                calls.add(pool.submit(() -> {
                    c.api().publish(message("x").setTopic("many"));
                    return c.api().info().getTopics();
                }));
            }
            for (Future<Integer> call : calls) {
                assertEquals(1, call.get(30, TimeUnit.SECONDS));
            }
            assertEquals(n, server.activeConnections());
            assertEquals(n, service.fetch(fetch("many", 0, 0).setMaxMessages(2 * n)).getMessagesSize());
        } finally {
            pool.shutdownNow();
        }
        clients.forEach(ClientWire.Client::close);
        awaitActive(0);
    }

    @Test
    void connectionsOverTheLimitAreRefusedWhileOthersKeepWorking() throws Exception {
        start(3, 1000, Optional.of(Duration.ofMinutes(1)));
        List<PubSub.Client> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PubSub.Client c = connect(ClientWire.FRAMED_BINARY).api();
            c.info();
            admitted.add(c);
        }
        ClientWire.Client refused = connect(ClientWire.FRAMED_BINARY);
        assertThrows(TTransportException.class, () -> refused.api().info());
        assertEquals(1, metrics.meter(TransportMetrics.REJECTED).getCount());
        for (PubSub.Client c : admitted) {
            assertEquals(0, c.info().getTopics());
        }
        toClose.remove(0).close();
        awaitActive(2);
        assertEquals(0, connect(ClientWire.UNFRAMED_COMPACT).api().info().getTopics());
    }

    @Test
    void idleConnectionIsClosedButALongPollLongerThanTheIdleTimeoutIsNot() throws Exception {
        start(10, 1000, Optional.of(Duration.ofMillis(300)));
        PubSub.Client poller = connect(ClientWire.FRAMED_BINARY).api();
        FetchResult empty = poller.fetch(fetch("nothing", 0, 1_000));
        assertEquals(0, empty.getMessagesSize(), "a 1 s long-poll survives a 300 ms idle timeout");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metrics.meter(TransportMetrics.IDLE_CLOSED).getCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, metrics.meter(TransportMetrics.IDLE_CLOSED).getCount());
        assertThrows(TTransportException.class, poller::info, "the idle connection was closed");
        awaitActive(0);
    }

    @ParameterizedTest
    @EnumSource(value = ClientWire.class, names = {"FRAMED_BINARY", "UNFRAMED_COMPACT"})
    void aContainerOverTheLimitIsRejectedBeforeItIsRead(ClientWire wire) throws Exception {
        start(10, 5, Optional.of(Duration.ofMinutes(1)));
        PubSub.Client api = connect(wire).api();
        List<Message> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(message("m" + i));
        }
        TApplicationException e = assertThrows(TApplicationException.class,
                () -> api.publishBatch(new PublishBatchRequest("t", six)));
        assertEquals(TApplicationException.PROTOCOL_ERROR, e.getType());
        assertEquals(1, metrics.meter(TransportMetrics.REQUESTS_REJECTED).getCount());
        if (wire == ClientWire.FRAMED_BINARY) {
            assertEquals(5, api.publishBatch(new PublishBatchRequest("t", six.subList(0, 5))).getCount(),
                    "a framed connection stays usable: the frame delimits the rejected request");
        } else {
            assertThrows(TTransportException.class, api::info,
                    "an unframed connection is closed: the rest of the request cannot be skipped");
        }
        assertEquals(0, connect(ClientWire.FRAMED_COMPACT).api().fetch(fetch("u", 0, 0)).getMessagesSize());
    }

    @Test
    void drainClosesIdleConnectionsAndLetsABusyOneAnswerFirst() throws Exception {
        start();
        PubSub.Client idle = connect(ClientWire.FRAMED_BINARY).api();
        idle.info();
        PubSub.Client busy = connect(ClientWire.UNFRAMED_BINARY).api();
        CompletableFuture<FetchResult> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return busy.fetch(fetch("late", 0, 20_000));
            } catch (TException e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.busyConnections() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.stopAccepting();
        server.beginDrain();
        assertThrows(TTransportException.class, idle::info, "an idle connection is closed at once");
        service.publish(message("in time").setTopic("late"));
        assertEquals("in time", text(poll.get(10, TimeUnit.SECONDS).getMessages().get(0)),
                "the busy connection answered its request");
        assertTrue(server.awaitDrained(Duration.ofSeconds(10)));
        assertThrows(TTransportException.class, busy::info, "and was closed after answering");
    }

    private void awaitActive(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, server.activeConnections());
    }
}
