package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PubSub;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StartKind;
import io.strand.api.StrandException;
import io.strand.api.Subscriber;
import io.strand.broker.config.BrokerConfig;
import io.strand.broker.net.ClientWire;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A real broker (store, request layer, transport, admin HTTP) on a temp directory and ephemeral ports. */
@Timeout(120)
class BrokerIT {
    @TempDir
    Path dir;

    static List<Message> messages(String prefix, int n) {
        List<Message> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Message("", ByteBuffer.wrap((prefix + i).getBytes(StandardCharsets.UTF_8))));
        }
        return list;
    }

    static String text(Message m) {
        return StandardCharsets.UTF_8.decode(m.bufferForData()).toString();
    }

    @ParameterizedTest
    @EnumSource(ClientWire.class)
    void everyWireFormatWorksAgainstTheRealBroker(ClientWire wire) throws TException {
        try (Broker broker = TestBrokers.start(dir);
             ClientWire.Client client = wire.connect(broker.port())) {
            PubSub.Client api = client.api();
            PublishAck ack = api.publishBatch(new PublishBatchRequest("orders", messages("o", 3)));
            assertEquals(0, ack.getBaseOffset());
            FetchResult result = api.fetch(new FetchRequest().setTopic("orders").setOffset(0));
            assertEquals(List.of("o0", "o1", "o2"), result.getMessages().stream().map(BrokerIT::text).toList());
            assertEquals(1, api.info().getTopics());
        }
    }

    @Test
    void aThousandConcurrentClientConnectionsAreServedWithTheDefaultLimits() throws Exception {
        int n = 1000;
        List<ClientWire.Client> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (Broker broker = TestBrokers.start(dir)) {
            for (int i = 0; i < n; i++) {
                clients.add(ClientWire.values()[i % 4].connect(broker.port()));
            }
            List<Future<?>> calls = new ArrayList<>();
            for (ClientWire.Client c : clients) {
                calls.add(pool.submit(() -> {
                    c.api().publish(new Message("crowd", ByteBuffer.wrap(new byte[] {1})));
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            assertEquals(n, ((Number) broker.metrics().getGauges().get("broker.connections.active").getValue()).intValue());
            assertEquals(n, clients.get(0).api().describeTopic("crowd").getEndOffset());
        } finally {
            pool.shutdownNow();
            clients.forEach(ClientWire.Client::close);
        }
    }

    @Test
    void aSubscriptionResumesAtExactlyItsCommittedOffsetAfterARestart() throws TException {
        Subscriber billing = new Subscriber("billing").setTopic("orders")
                .setStart(new Position(StartKind.EARLIEST));
        try (Broker broker = TestBrokers.start(dir);
             ClientWire.Client client = ClientWire.FRAMED_COMPACT.connect(broker.port())) {
            PubSub.Client api = client.api();
            api.publishBatch(new PublishBatchRequest("orders", messages("o", 10)));
            Session session = api.openSession(billing);
            FetchResult first = api.fetch(new FetchRequest().setSubscription("billing")
                    .setSessionId(session.getSessionId()).setMaxMessages(4));
            assertEquals(4, first.getMessagesSize());
            api.commit("billing", session.getSessionId(), "orders", 4);
            api.fetch(new FetchRequest().setSubscription("billing").setSessionId(session.getSessionId())
                    .setMaxMessages(3)); // read further but not committed: must be delivered again
        }
        try (Broker broker = TestBrokers.start(dir);
             ClientWire.Client client = ClientWire.UNFRAMED_BINARY.connect(broker.port())) {
            PubSub.Client api = client.api();
            Session session = api.openSession(new Subscriber("billing"));
            assertTrue(session.isResumed());
            FetchResult resumed = api.fetch(new FetchRequest().setSubscription("billing")
                    .setSessionId(session.getSessionId()).setMaxMessages(100));
            assertEquals(4, resumed.getMessages().get(0).getOffset());
            assertEquals("o4", text(resumed.getMessages().get(0)));
            assertEquals(6, resumed.getMessagesSize());
            assertEquals(0, api.describeTopic("orders").getStartOffset());
            assertEquals(10, api.describeTopic("orders").getEndOffset());
            assertEquals(4, api.describeSubscription("billing").getCursors().get(0).getCommittedOffset());
        }
    }

    @Test
    void aSecondBrokerOnTheSameDirectoryRefusesToStartWithAClearMessage() throws TException {
        try (Broker first = TestBrokers.start(dir)) {
            BrokerStartException e = assertThrows(BrokerStartException.class, () -> TestBrokers.start(dir));
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("in use by another"),
                    e.getMessage());
            try (ClientWire.Client client = ClientWire.FRAMED_BINARY.connect(first.port())) {
                client.api().publish(new Message("still", ByteBuffer.wrap(new byte[] {1})));
                assertEquals(1, client.api().describeTopic("still").getEndOffset(), "the first one is unharmed");
            }
        }
    }

    @Test
    void aTakenPortIsAClearStartFailureAndReleasesTheDataDirectory() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            BrokerConfig config = TestBrokers.config(dir, Map.of("port", String.valueOf(taken.getLocalPort())));
            BrokerStartException e = assertThrows(BrokerStartException.class, () -> Broker.start(config));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        try (Broker broker = TestBrokers.start(dir)) {
            assertTrue(broker.port() > 0, "the failed start released the store's lock");
        }
    }

    @Test
    void aWaitingLongPollDoesNotStallAPublishOnAnotherConnection() throws Exception {
        try (Broker broker = TestBrokers.start(dir);
             ClientWire.Client waiter = ClientWire.FRAMED_BINARY.connect(broker.port());
             ClientWire.Client publisher = ClientWire.UNFRAMED_BINARY.connect(broker.port())) {
            publisher.api().publish(new Message("quiet", ByteBuffer.wrap(new byte[] {0})));
            CompletableFuture<FetchResult> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return waiter.api().fetch(new FetchRequest().setTopic("quiet").setOffset(1).setMaxWaitMs(20_000));
                } catch (TException e) {
                    throw new RuntimeException(e);
                }
            });
            for (int i = 0; i < 10; i++) {
                publisher.api().publishBatch(new PublishBatchRequest("busy", messages("b", 10)));
            }
            assertEquals(100, publisher.api().describeTopic("busy").getEndOffset());
            assertFalse(poll.isDone(), "the long-poll still waits while the other connection is served");
            publisher.api().publish(new Message("quiet", ByteBuffer.wrap("wake".getBytes(StandardCharsets.UTF_8))));
            FetchResult woken = poll.get(10, TimeUnit.SECONDS);
            assertEquals("wake", text(woken.getMessages().get(0)));
        }
    }

    @Test
    void closeEndsAWaitingLongPollAndStopsCleanly() throws Exception {
        Broker broker = TestBrokers.start(dir);
        try (ClientWire.Client waiter = ClientWire.FRAMED_COMPACT.connect(broker.port())) {
            waiter.api().publish(new Message("idle", ByteBuffer.wrap(new byte[] {0})));
            CompletableFuture<FetchResult> poll = CompletableFuture.supplyAsync(() -> {
                try {
                    return waiter.api().fetch(new FetchRequest().setTopic("idle").setOffset(1).setMaxWaitMs(60_000));
                } catch (StrandException e) {
                    return null;
                } catch (TException e) {
                    throw new RuntimeException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (broker.metrics().getGauges().get("broker.fetch.waiting") != null
                    && ((Number) broker.metrics().getGauges().get("broker.fetch.waiting").getValue()).intValue() == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            broker.close();
            assertTrue(broker.closedCleanly());
            FetchResult result = poll.get(10, TimeUnit.SECONDS);
            assertTrue(result == null || result.getMessagesSize() == 0, "the long-poll ended without data");
        }
    }

    @Test
    void publishAfterCloseFailsAsUnavailableOrClosedConnection() throws Exception {
        Broker broker = TestBrokers.start(dir);
        ClientWire.Client client = ClientWire.FRAMED_BINARY.connect(broker.port());
        client.api().publish(new Message("t", ByteBuffer.wrap(new byte[] {0})));
        broker.close();
        TException e = assertThrows(TException.class,
                () -> client.api().publish(new Message("t", ByteBuffer.wrap(new byte[] {1}))));
        if (e instanceof StrandException se) {
            assertEquals(ErrorCode.UNAVAILABLE, se.getCode());
        }
        client.close();
    }

    @Test
    void adminHttpServesPrometheusJsonAndHealth() throws Exception {
        try (Broker broker = TestBrokers.start(dir);
             ClientWire.Client client = ClientWire.FRAMED_BINARY.connect(broker.port())) {
            client.api().publishBatch(new PublishBatchRequest("m", messages("x", 5)));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + broker.adminPort();
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("broker_connections_active 1.0")),
                    metrics.body());
            assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("storage_")), "storage metrics exported");
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(json.body().contains("\"broker.connections.active\""), json.body());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        }
    }

    @Test
    void adminPortMinusOneTurnsAdminHttpOff() {
        try (Broker broker = TestBrokers.start(dir, Map.of("admin.port", "-1"))) {
            assertEquals(-1, broker.adminPort());
        }
    }
}
