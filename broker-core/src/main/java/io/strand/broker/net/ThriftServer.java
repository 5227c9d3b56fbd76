package io.strand.broker.net;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.thrift.TProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's Thrift port: one acceptor thread and one platform thread per connection (at most
 * {@code maxConnections}), each connection speaking whichever of framed/unframed × binary/compact it
 * opened with (see {@link WireFormat}).
 *
 * <p>Why a thread per connection: a long-poll fetch blocks inside the handler for up to
 * {@code fetch.max.wait.ms}; with its own thread per connection it stalls nobody else, and on Java 17
 * (no virtual threads) a bounded number of platform threads is the simplest way to get that.
 *
 * <p>Limits that protect the broker from its clients: at most {@code maxConnections} connections; a
 * request's size checked before it is read; one {@link MemoryBudget} for the memory of all requests in
 * flight; the idle timeout for connections that send nothing; the {@link WriteWatchdog} for clients
 * that stop reading. Each kind of refusal is counted in a meter and logged at most once per 10 s.
 *
 * <p>Stopping is in three steps so that the owner can interleave its own: {@link #stopAccepting},
 * {@link #beginDrain} (idle connections close at once, busy ones after answering their current
 * request), {@link #awaitDrained}, and {@link #close}, which closes whatever is left.
 */
public final class ThriftServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ThriftServer.class);

    private final ServerSocket serverSocket;
    private final TProcessor processor;
    private final ServerSettings settings;
    private final TransportMetrics metrics;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object closedSignal = new Object();
    private final AtomicLong connectionIds = new AtomicLong();
    private final MemoryBudget budget;
    private final Optional<WriteWatchdog> watchdog;
    private final Thread acceptor;

    private ThriftServer(ServerSocket serverSocket, TProcessor processor, ServerSettings settings,
                         MetricRegistry registry) {
        this.serverSocket = serverSocket;
        this.processor = processor;
        this.settings = settings;
        this.metrics = new TransportMetrics(registry);
        this.budget = new MemoryBudget(settings.maxInflightBytes());
        registry.register(TransportMetrics.ACTIVE, (Gauge<Integer>) connections::size);
        registry.register(TransportMetrics.INFLIGHT_BYTES, (Gauge<Long>) budget::inUse);
        registry.register(TransportMetrics.INFLIGHT_WAITING, (Gauge<Integer>) budget::waiters);
        this.watchdog = settings.writeTimeout().map(timeout -> WriteWatchdog.start(timeout, connections,
                System::nanoTime, "strand-write-watchdog-" + serverSocket.getLocalPort()));
        this.acceptor = new Thread(this::acceptLoop, "strand-acceptor-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Binds {@code settings.bindAddress():settings.port()} and starts accepting.
     *
     * @throws UncheckedIOException with a message a user can act on when the address cannot be bound
     */
    public static ThriftServer start(ServerSettings settings, TProcessor processor, MetricRegistry registry) {
        ServerSocket socket = bind(settings.bindAddress(), settings.port(), Math.max(settings.maxConnections(), 128));
        ThriftServer server = new ThriftServer(socket, processor, settings, registry);
        server.acceptor.start();
        return server;
    }

    /** Binds a listening socket, translating the usual failures into one line a user can act on. */
    public static ServerSocket bind(String host, int port, int backlog) {
        try {
            InetAddress address = InetAddress.getByName(host);
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, port), backlog);
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot resolve bind address '" + host + "'", e);
        } catch (BindException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another broker running? choose another port)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound (the ephemeral one when configured with 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public int activeConnections() {
        return connections.size();
    }

    /** Bytes of the memory budget ({@code max.inflight.request.bytes}) reserved right now. */
    public long inflightBytes() {
        return budget.inUse();
    }

    /** Connections waiting for room in the memory budget right now. */
    public int waitingForMemory() {
        return budget.waiters();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                if (!serverSocket.isClosed()) {
                    log.warn("accept failed on port {}: {}", port(), e.getMessage());
                }
                continue;
            } catch (IOException e) {
                log.warn("accept failed on port {}: {}", port(), e.getMessage());
                continue;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        if (connections.size() >= settings.maxConnections()) {
            metrics.rejected.mark();
            metrics.refusalWarnings.warn("refusing connection from " + socket.getRemoteSocketAddress()
                    + ": max.connections (" + settings.maxConnections() + ") reached");
            closeQuietly(socket);
            return;
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(settings.idleTimeout()
                    .map(d -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()))).orElse(0));
        } catch (SocketException e) {
            closeQuietly(socket);
            return;
        }
        Connection connection = new Connection(socket, processor, settings, metrics, budget, System::nanoTime,
                this::closed);
        connections.add(connection);
        metrics.accepted.mark();
        try {
            Thread thread = new Thread(connection, "strand-conn-" + connectionIds.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            // "unable to create native thread": refuse this one, keep serving the others.
            connections.remove(connection);
            metrics.rejected.mark();
            metrics.refusalWarnings.warn("refusing connection from " + socket.getRemoteSocketAddress()
                    + ": cannot start a thread for it (" + e.getMessage() + ")");
            closeQuietly(socket);
        }
    }

    private void closed(Connection connection) {
        connections.remove(connection);
        synchronized (closedSignal) {
            closedSignal.notifyAll();
        }
    }

    /** Closes the listening socket; existing connections carry on. Idempotent. */
    public void stopAccepting() {
        closeQuietly(serverSocket);
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every connection stops taking requests: idle ones close now, busy ones after their response. */
    public void beginDrain() {
        connections.forEach(Connection::drain);
    }

    /** Waits until every connection has closed, at most {@code timeout}; returns whether they all did. */
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (closedSignal) {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(closedSignal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return connections.isEmpty();
                }
            }
        }
        return true;
    }

    /** How many connections are processing a request right now. */
    public long busyConnections() {
        return connections.stream().filter(Connection::busy).count();
    }

    /** Stops accepting and closes every connection at once, whatever it is doing. Idempotent. */
    @Override
    public void close() {
        stopAccepting();
        connections.forEach(Connection::forceClose);
        budget.close(); // connections waiting for memory give up at once
        awaitDrained(Duration.ofSeconds(5));
        watchdog.ifPresent(WriteWatchdog::close);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.getMessage());
        }
    }
}
