package io.strand.client;

import io.strand.api.Consumer;
import io.strand.api.DeliveryMode;
import io.strand.api.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * {@link PushReceiver} implementation: a {@link TThreadPoolServer} over unframed binary Thrift (what the
 * broker's push dispatcher speaks) serving {@link ConsumerEndpoint}, then a {@code subscribe} call that
 * registers the push endpoint. It remembers every accepted socket so {@link #close()} can cut the
 * broker's connections instead of leaving server threads blocked in reads.
 */
final class DefaultPushReceiver implements PushReceiver {

    private final PushReceiverOptions options;
    private final ConsumerEndpoint endpoint;
    private final TrackingServerSocket serverSocket;
    private final ExecutorService workers;
    private final TThreadPoolServer server;
    private final Thread serveThread;
    private final InetSocketAddress address;
    private boolean closed;

    /** A server socket that records the connections it accepted. */
    private static final class TrackingServerSocket extends TServerSocket {
        private final Set<TSocket> accepted = ConcurrentHashMap.newKeySet();

        TrackingServerSocket(ServerSocket socket) throws TTransportException {
            super(socket);
        }

        @Override
        public TSocket accept() throws TTransportException {
            TSocket socket = super.accept();
            accepted.add(socket);
            accepted.removeIf(s -> !s.isOpen());
            return socket;
        }

        void closeAccepted() {
            accepted.forEach(TSocket::close);
            accepted.clear();
        }
    }

    DefaultPushReceiver(PushReceiverOptions options, MessageHandler handler) {
        this.options = options;
        this.endpoint = new ConsumerEndpoint(handler);
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(options.bindHost(), options.port()), 50);
            this.serverSocket = new TrackingServerSocket(socket);
            this.address = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        } catch (IOException | TTransportException e) {
            throw new ConnectionException("cannot listen on " + options.bindHost() + ":" + options.port() + ": " + e, e);
        }
        AtomicInteger threadIds = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(1, options.maxThreads(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "strand-push-" + options.name() + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = new TThreadPoolServer(new TThreadPoolServer.Args(serverSocket)
                .processor(new Consumer.Processor<>(endpoint))
                .protocolFactory(new TBinaryProtocol.Factory())
                .executorService(workers)
                .stopTimeoutVal(1)
                .stopTimeoutUnit(TimeUnit.SECONDS));
        this.serveThread = new Thread(server::serve, "strand-push-" + options.name() + "-accept");
        serveThread.setDaemon(true);
        serveThread.start();
        try {
            register();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void register() {
        io.strand.api.Subscriber s = new io.strand.api.Subscriber(options.name());
        options.topic().ifPresent(s::setTopic);
        s.setStart(Wire.toWire(options.start()));
        s.setMode(DeliveryMode.PUSH);
        s.setPushEndpoint(new Endpoint(options.endpointHost(), address.getPort()));
        options.maxDeliveries().ifPresent(s::setMaxDeliveries);
        try (Connection connection = new Connector(options.client()).open()) {
            connection.call(c -> {
                c.subscribe(s);
                return null;
            });
        }
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        endpoint.close();
        server.stop();
        serverSocket.close();
        serverSocket.closeAccepted();
        workers.shutdownNow();
        try {
            serveThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
