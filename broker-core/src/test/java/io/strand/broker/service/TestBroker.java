package io.strand.broker.service;

import com.codahale.metrics.MetricRegistry;
import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.StartKind;
import io.strand.api.StrandException;
import io.strand.api.Subscriber;
import io.strand.storage.Durability;
import io.strand.storage.LogStore;
import io.strand.storage.StorageConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link BrokerService} over a real RocksDB store in a test directory, restartable in place, plus
 * the small helpers the service and push tests share. Not thread-safe; one per test.
 */
public final class TestBroker implements AutoCloseable {
    private final Path dir;
    private final ServiceSettings settings;
    private final Clock clock;
    private final StorageConfig.Builder storage;
    private LogStore store;
    private BrokerService service;
    private MetricRegistry registry;

    private TestBroker(Path dir, ServiceSettings settings, Clock clock, StorageConfig.Builder storage) {
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
        this.storage = storage;
        open();
    }

    public static TestBroker start(Path dir) {
        return start(dir, settings());
    }

    public static TestBroker start(Path dir, ServiceSettings settings) {
        return start(dir, settings, Clock.systemUTC());
    }

    public static TestBroker start(Path dir, ServiceSettings settings, Clock clock) {
        return new TestBroker(dir, settings, clock, StorageConfig.builder(dir).defaultDurability(Durability.WAL).clock(clock));
    }

    /** With a store whose retention runs every {@code interval}. */
    public static TestBroker startWithRetentionEvery(Path dir, Duration interval) {
        return new TestBroker(dir, settings(), Clock.systemUTC(), StorageConfig.builder(dir)
                .defaultDurability(Durability.WAL).retentionCheckInterval(interval));
    }

    /** Small limits and fast push retries so tests run quickly. */
    public static ServiceSettings settings() {
        return new ServiceSettings(64 * 1024, 100, 256 * 1024, true,
                Duration.ofSeconds(20), 1000, 1 << 20,
                3, 10, Duration.ofSeconds(2),
                Duration.ofMillis(20), Duration.ofMillis(200));
    }

    public static ServiceSettings withoutAutoCreate() {
        ServiceSettings s = settings();
        return new ServiceSettings(s.maxMessageBytes(), s.maxBatchMessages(), s.maxBatchBytes(), false,
                s.fetchMaxWait(), s.fetchMaxMessages(), s.fetchMaxBytes(), s.pushMaxDeliveries(),
                s.pushBatchMessages(), s.pushTimeout(), s.pushBackoffInitial(), s.pushBackoffMax());
    }

    public BrokerService service() {
        return service;
    }

    public LogStore store() {
        return store;
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** Closes service and store (as the broker's shutdown does) and opens both again on the same directory. */
    public void restart() {
        closeBoth();
        open();
    }

    @Override
    public void close() {
        closeBoth();
    }

    private void open() {
        registry = new MetricRegistry();
        store = LogStore.open(storage.build(), registry);
        service = new BrokerService(store, settings, registry, clock);
    }

    private void closeBoth() {
        if (service != null) {
            service.close();
            service = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    // ---- helpers shared by the tests ----

    public static Message message(String topic, String text) {
        return new Message(topic, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    public static List<String> texts(FetchResult result) {
        return result.getMessages().stream().map(TestBroker::text).toList();
    }

    public static Subscriber subscriber(String name, String topic, StartKind start) {
        Subscriber subscriber = new Subscriber(name).setStart(new Position(start));
        if (topic != null) {
            subscriber.setTopic(topic);
        }
        return subscriber;
    }

    public static FetchRequest bySubscription(String name) {
        return new FetchRequest().setSubscription(name);
    }

    public static FetchRequest replay(String topic, long offset) {
        return new FetchRequest().setTopic(topic).setOffset(offset);
    }

    public static void publish(BrokerService service, String topic, String... texts) throws StrandException {
        for (String text : texts) {
            service.publish(message(topic, text));
        }
    }

    /** Runs {@code call}, expects a StrandException with {@code code}, and returns it. */
    public static StrandException expectError(ErrorCode code, ThrowingCall call) {
        StrandException e = assertThrows(StrandException.class, call::run);
        assertEquals(code, e.getCode(), () -> "detail: " + e.getDetail());
        return e;
    }

    /** Polls {@code condition} every 10 ms for at most {@code timeout}; fails the test if it never holds. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @FunctionalInterface
    public interface ThrowingCall {
        void run() throws Exception;
    }
}
