package io.strand.broker;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.strand.api.PubSub;
import io.strand.broker.admin.AdminServer;
import io.strand.broker.config.BrokerConfig;
import io.strand.broker.net.ServerSettings;
import io.strand.broker.net.ThriftServer;
import io.strand.broker.service.BrokerService;
import io.strand.storage.FaultInjector;
import io.strand.storage.LogStore;
import io.strand.storage.StorageException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running broker: the store of a data directory, the request layer over it, the Thrift port, the
 * admin HTTP port and the JMX reporter, all sharing one {@link MetricRegistry}.
 *
 * <p>{@link #start} opens them in that order (undoing what it opened if a later step fails) and
 * {@link #close} stops them in the order that loses nothing acknowledged: stop accepting; stop taking
 * requests on open connections (idle ones close at once); close the request layer, which wakes waiting
 * long-polls and stops push; let in-flight requests finish, at most {@code shutdown.timeout.ms}; close
 * what connections are left; close the admin port; and close the store last, which completes or fails
 * every pending append and closes RocksDB cleanly.
 *
 * <p>Thread-safety: {@link #close} may be called from any thread (a signal handler, a shutdown hook)
 * and more than once; only the first call acts.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final int MIN_CONTAINER_ELEMENTS = 65_536;

    private final BrokerConfig config;
    private final MetricRegistry metrics;
    private final LogStore store;
    private final BrokerService service;
    private final ThriftServer server;
    private final BrokerHealth health;
    private final Optional<AdminServer> admin;
    private final Optional<JmxReporter> jmx;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closedCleanly;

    private Broker(BrokerConfig config, MetricRegistry metrics, LogStore store, BrokerService service,
                   ThriftServer server, BrokerHealth health, Optional<AdminServer> admin,
                   Optional<JmxReporter> jmx) {
        this.config = config;
        this.metrics = metrics;
        this.store = store;
        this.service = service;
        this.server = server;
        this.health = health;
        this.admin = admin;
        this.jmx = jmx;
    }

    /**
     * Opens the store, the request layer, the Thrift port and (unless {@code admin.port=-1}) the admin
     * HTTP port. Ports configured as 0 get a free ephemeral port; see {@link #port()}, {@link #adminPort()}.
     *
     * @throws BrokerStartException with a one-line message for the user (port taken, data directory
     *                              locked by another broker, ...); nothing is left open
     */
    public static Broker start(BrokerConfig config) {
        return start(config, FaultInjector.NONE);
    }

    /** As {@link #start(BrokerConfig)}, with a storage fault point: tests make the disk fail under a whole broker. */
    static Broker start(BrokerConfig config, FaultInjector storageFaults) {
        long started = System.nanoTime();
        MetricRegistry metrics = new MetricRegistry();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            LogStore store = LogStore.open(config.storageConfig().toBuilder().faultInjector(storageFaults).build(), metrics);
            opened.push(store);
            BrokerService service = new BrokerService(store, config.serviceSettings(), metrics, Clock.systemUTC());
            opened.push(service);
            String recovered = store.topics().size() + " topics and " + service.subscriptionCount() + " subscriptions";
            ThriftServer server = ThriftServer.start(serverSettings(config), new PubSub.Processor<>(service), metrics);
            opened.push(server);
            BrokerHealth health = new BrokerHealth(store, service, server);
            Optional<AdminServer> admin = config.adminPort().isPresent()
                    ? Optional.of(AdminServer.start(config.bindAddress(), config.adminPort().getAsInt(), metrics,
                            health::check))
                    : Optional.empty();
            admin.ifPresent(opened::push);
            Optional<JmxReporter> jmx = config.jmxEnabled()
                    ? Optional.of(JmxReporter.forRegistry(metrics).inDomain("io.strand.broker").build())
                    : Optional.empty();
            jmx.ifPresent(JmxReporter::start);
            JvmGauges.register(metrics);
            Broker broker = new Broker(config, metrics, store, service, server, health, admin, jmx);
            broker.logStarted(recovered, System.nanoTime() - started);
            return broker;
        } catch (RuntimeException e) {
            closeAll(opened);
            throw startFailure(config, e);
        }
    }

    static ServerSettings serverSettings(BrokerConfig config) {
        // Twice max.batch.messages, so that a batch a little too long still reaches the request layer and
        // gets its typed BATCH_TOO_LARGE instead of a wire-level rejection.
        int containers = (int) Math.min(Integer.MAX_VALUE,
                Math.max(2L * config.maxBatchMessages(), MIN_CONTAINER_ELEMENTS));
        return new ServerSettings(config.bindAddress(), config.port(), config.maxConnections(),
                config.maxFrameBytes(), containers, config.connectionIdleTimeout(), config.connectionWriteTimeout(),
                config.maxInflightRequestBytes(), config.inflightRequestWait());
    }

    private static BrokerStartException startFailure(BrokerConfig config, RuntimeException e) {
        if (e instanceof BrokerStartException start) {
            return start;
        }
        if (e instanceof StorageException || e instanceof UncheckedIOException) {
            return new BrokerStartException(e.getMessage(), e);
        }
        return new BrokerStartException("could not start the broker on " + config.dataDir() + ": " + e, e);
    }

    private void logStarted(String recovered, long nanos) {
        log.info("Strand broker listening on {}:{} (Thrift; framed or unframed, binary or compact){}",
                config.bindAddress(), port(), admin.map(a -> "; admin HTTP on http://" + config.bindAddress() + ":"
                        + a.port() + " (/metrics, /metrics.json, /health)").orElse("; admin HTTP off"));
        log.info("data in {}, durability {}; recovered {}; started in {} ms",
                config.dataDir().toAbsolutePath().normalize(), config.durability().name().toLowerCase(Locale.ROOT),
                recovered, nanos / 1_000_000);
    }

    /** The Thrift port actually bound. */
    public int port() {
        return server.port();
    }

    /** The admin HTTP port actually bound; -1 when admin HTTP is off ({@code admin.port=-1}). */
    public int adminPort() {
        return admin.map(AdminServer::port).orElse(-1);
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public BrokerConfig config() {
        return config;
    }

    /** The broker's one registry: transport, request, push and storage metrics. */
    public MetricRegistry metrics() {
        return metrics;
    }

    /**
     * Stops gracefully (see the class comment); what SIGTERM does. Idempotent: a call while another is
     * stopping the broker waits for it to finish (so a shutdown hook cannot let the JVM exit mid-close).
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            stop();
        } finally {
            closed.countDown();
        }
    }

    private void awaitClosed() {
        try {
            if (!closed.await(config.shutdownTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                log.warn("gave up waiting for the broker to finish stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        health.stopping();
        log.info("stopping: refusing new connections, finishing in-flight requests (at most {} ms)",
                config.shutdownTimeout().toMillis());
        boolean clean = step("stop accepting", server::stopAccepting);
        clean &= step("drain connections", server::beginDrain);
        clean &= step("close the request layer", service::close);
        if (!server.awaitDrained(config.shutdownTimeout())) {
            log.warn("{} requests still running after {} ms; closing their connections",
                    server.busyConnections(), config.shutdownTimeout().toMillis());
        }
        clean &= step("close connections", server::close);
        clean &= admin.map(a -> step("close admin HTTP", a::close)).orElse(true);
        clean &= jmx.map(j -> step("stop JMX", j::close)).orElse(true);
        clean &= step("close the store", store::close);
        closedCleanly = clean;
        if (clean) {
            log.info("Strand broker stopped cleanly");
        } else {
            log.error("Strand broker stopped, with errors (see above)");
        }
    }

    /** True once {@link #close} has finished with every step succeeding. */
    public boolean closedCleanly() {
        return closedCleanly;
    }

    private static boolean step(String what, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            log.error("stopping: could not {}", what, e);
            return false;
        }
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                log.warn("cleaning up after a failed start: {}", e.toString());
            }
        }
    }
}
