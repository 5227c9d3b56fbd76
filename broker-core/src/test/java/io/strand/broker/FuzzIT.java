package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.PubSub;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StrandException;
import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import io.strand.broker.net.ClientWire;
import io.strand.storage.CheckReport;
import io.strand.storage.StoreCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed and absurd requests over real sockets against a real broker (run with a
 * 256 MiB heap, see the pom): random bytes, truncated requests, 2 GiB and negative frame lengths, wrong
 * field types, nesting hundreds of thousands deep, containers announcing billions of elements, unknown
 * methods, valid headers followed by garbage, and well-formed calls with absurd values (see
 * {@link MalformedRequests} and {@link AbsurdCalls}). Every connection must end — answered or closed —
 * within 10 s; a well-behaved client keeps publishing throughout; at the end the store holds exactly
 * what it published, {@link StoreCheck} finds it clean, and the log holds a handful of lines, not one
 * per bad request.
 *
 * <p>The seed is fixed and printed; every failure message names it with the case.
 */
@Timeout(180)
class FuzzIT {
    private static final long SEED = 0x5374_7261_6e64L;
    private static final int CASES = 3_000;
    private static final Duration TIME_BOUND = Duration.ofSeconds(35);
    private static final int MAX_FRAME_BYTES = 32 << 20;
    private static final List<String> GOOD_TOPICS = List.of("orders", "events");

    @TempDir
    Path dir;

    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final Map<String, List<String>> published = new HashMap<>();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    /** How one case ended. */
    private enum Outcome { ANSWERED, CLOSED }

    @Test
    void malformedRequestsNeitherCrashTheBrokerNorCorruptTheStoreNorFloodTheLog() throws Exception {
        System.out.println("FuzzIT seed=" + SEED + " (0x" + Long.toHexString(SEED) + ")");
        Random random = new Random(SEED);
        MalformedRequests raw = new MalformedRequests(random, MAX_FRAME_BYTES);
        AbsurdCalls absurd = new AbsurdCalls(random);
        Map<String, String> settings = Map.of("auto.create.topics", "false", "fetch.max.wait.ms", "50",
                "max.frame.bytes", "32MiB", "max.inflight.request.bytes", "64MiB", "connection.idle.timeout.ms", "5000",
                "admin.port", "-1");
        Map<MalformedRequests.Kind, int[]> byKind = new EnumMap<>(MalformedRequests.Kind.class);
        int[] absurdOutcomes = new int[2];
        int ran = 0;
        long started = System.nanoTime();
        try (LogCounter logs = LogCounter.attach(); Broker broker = TestBrokers.start(dir, settings);
             ClientWire.Client good = ClientWire.FRAMED_COMPACT.connect(broker.port())) {
            for (String topic : GOOD_TOPICS) {
                good.api().createTopic(topic, new TopicConfig());
            }
            long deadline = started + TIME_BOUND.toNanos();
            for (; ran < CASES && System.nanoTime() < deadline; ran++) {
                if (ran % 50 == 0) {
                    publishWellBehaved(good.api(), ran / 50);
                }
                if (random.nextInt(5) == 0) {
                    absurdOutcomes[absurdCall(broker.port(), absurd, random, ran).ordinal()]++;
                } else {
                    MalformedRequests.Case c = raw.next();
                    byKind.computeIfAbsent(c.kind(), k -> new int[2])[send(broker.port(), c, ran).ordinal()]++;
                }
            }
            publishWellBehaved(good.api(), -1);
            System.out.printf("FuzzIT: %d cases in %d ms; raw cases by kind [answered, closed]: %s; absurd calls "
                    + "[answered, closed]: %s%n", ran, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    describe(byKind), absurdOutcomes[0] + ", " + absurdOutcomes[1]);

            assertTrue(ran >= 1_000, "only " + ran + " cases ran within " + TIME_BOUND);
            verifyTopics(good.api());
            awaitGauge(broker, "broker.connections.active", 1);
            awaitGauge(broker, "broker.inflight.request.bytes", 0);
            long protocolErrors = broker.metrics().meter("broker.protocol.errors").getCount()
                    + broker.metrics().meter("broker.requests.rejected").getCount();
            System.out.println("FuzzIT: " + protocolErrors + " protocol errors counted; the log has "
                    + logs.warnings().size() + " warnings:\n" + logs.describe());
            assertTrue(protocolErrors >= ran / 4, "most bad requests were counted: " + protocolErrors);
            assertEquals(0, logs.errors(), "no ERROR (a bug) was logged:\n" + logs.describe());
            assertTrue(logs.warnings().size() <= 40 && logs.warnings().size() * 50 < ran,
                    "a handful of rate-limited warnings, not one per bad request:\n" + logs.describe());
        }
        CheckReport report = StoreCheck.check(dir);
        assertTrue(report.clean(), report::toString);
        assertEquals(published.values().stream().mapToLong(List::size).sum(), report.totals().records(), report::toString);
    }

    /** Sends one raw case on a fresh connection and reads until the broker ends it (answered or closed). */
    private Outcome send(int port, MalformedRequests.Case c, int index) throws Exception {
        String what = "case " + index + " (seed " + SEED + "): " + c.description();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            Future<?> writing = writers.submit(() -> {
                try {
                    socket.getOutputStream().write(c.bytes());
                    if (c.halfClose()) {
                        socket.shutdownOutput();
                    }
                } catch (IOException e) {
                    // the broker closed the connection before taking all of it: a refusal, checked below
                }
                return null;
            });
            Outcome outcome = readToEnd(socket.getInputStream(), what);
            socket.close(); // unblocks a write the broker stopped reading
            try {
                writing.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail(what + ": the write did not end after the socket closed");
            }
            return outcome;
        }
    }

    private static Outcome readToEnd(InputStream in, String what) throws IOException {
        byte[] sink = new byte[64 * 1024];
        boolean answered = false;
        try {
            for (int i = 0; i < 10_000; i++) {
                int n = in.read(sink);
                if (n < 0) {
                    return answered ? Outcome.ANSWERED : Outcome.CLOSED;
                }
                answered = true;
            }
            throw new AssertionError(what + ": the broker kept sending (more than 640 MB)");
        } catch (SocketTimeoutException e) {
            throw new AssertionError(what + ": the broker neither answered nor closed within 10 s", e);
        } catch (SocketException e) {
            return answered ? Outcome.ANSWERED : Outcome.CLOSED; // reset
        }
    }

    private static Outcome absurdCall(int port, AbsurdCalls absurd, Random random, int index) throws TException {
        ClientWire wire = ClientWire.values()[random.nextInt(ClientWire.values().length)];
        String what = "case " + index + " (seed " + SEED + "), " + wire;
        try (ClientWire.Client client = wire.connect(port)) {
            what += ": " + absurd.call(client.api());
            return Outcome.ANSWERED;
        } catch (StrandException | TApplicationException e) {
            return Outcome.ANSWERED;
        } catch (TTransportException e) {
            if (e.getType() == TTransportException.TIMED_OUT) {
                throw new AssertionError(what + ": no answer within 10 s", e);
            }
            return Outcome.CLOSED;
        }
    }

    /** A batch to "orders" and a message to "events", checking they land at the next offsets. */
    private void publishWellBehaved(PubSub.Client api, int round) throws TException {
        List<String> orders = published.computeIfAbsent("orders", t -> new ArrayList<>());
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(message("order-" + round + "-" + i));
        }
        PublishAck ack = api.publishBatch(new PublishBatchRequest("orders", batch));
        assertEquals(orders.size(), ack.getBaseOffset(), "round " + round);
        batch.forEach(m -> orders.add(text(m)));
        List<String> events = published.computeIfAbsent("events", t -> new ArrayList<>());
        Message event = message("event-" + round);
        api.publish(event.setTopic("events"));
        events.add(text(event));
    }

    /** Every topic's end offset is what the well-behaved client made it; its messages read back exactly. */
    private void verifyTopics(PubSub.Client api) throws TException {
        List<TopicInfo> topics = api.listTopics();
        for (TopicInfo topic : topics) {
            assertEquals(published.getOrDefault(topic.getName(), List.of()).size(), topic.getEndOffset(),
                    "end offset of " + topic.getName());
        }
        for (String topic : GOOD_TOPICS) {
            List<String> read = new ArrayList<>();
            for (int i = 0; i < 1000 && read.size() < published.get(topic).size(); i++) {
                FetchResult result = api.fetch(new FetchRequest().setTopic(topic).setOffset(read.size())
                        .setMaxMessages(1000));
                result.getMessages().forEach(m -> read.add(text(m)));
            }
            assertEquals(published.get(topic), read, topic);
        }
    }

    private static void awaitGauge(Broker broker, String gauge, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long value = -1;
        while (System.nanoTime() < deadline) {
            value = ((Number) broker.metrics().getGauges().get(gauge).getValue()).longValue();
            if (value == expected) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(expected, value, gauge);
    }

    private static Message message(String text) {
        return new Message("", ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Message m) {
        return StandardCharsets.UTF_8.decode(m.bufferForData().duplicate()).toString();
    }

    private static String describe(Map<MalformedRequests.Kind, int[]> byKind) {
        StringBuilder out = new StringBuilder();
        byKind.forEach((kind, counts) -> out.append(kind).append('=').append(counts[0]).append('/').append(counts[1])
                .append(' '));
        return out.toString().trim();
    }
}
