package io.strand.broker.push;

import io.strand.api.Consumer;
import io.strand.api.ErrorCode;
import io.strand.api.Message;
import io.strand.api.StrandException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

/**
 * A push subscriber's {@code Consumer} endpoint on 127.0.0.1, speaking unframed binary like the seed's
 * {@code make_server}. Unlike Thrift's stock servers, {@link #close()} also drops every open connection,
 * so "the endpoint is down" really means down. Records what it received; can be told to fail.
 */
public final class TestConsumerServer implements AutoCloseable {
    public final List<Message> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger calls = new AtomicInteger();
    public volatile boolean failing;

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TestConsumerServer(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "test-consumer-accept");
        threads.add(acceptor);
        acceptor.start();
    }

    /** Listens on {@code port} (0 = ephemeral). */
    public static TestConsumerServer start(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new TestConsumerServer(socket);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Long> offsets() {
        List<Long> offsets = new ArrayList<>();
        for (Message message : received) {
            offsets.add(message.getOffset());
        }
        return offsets;
    }

    private void accept() {
        Consumer.Processor<Consumer.Iface> processor = new Consumer.Processor<>(messages -> {
            calls.incrementAndGet();
            if (failing) {
                throw new StrandException(ErrorCode.INTERNAL, "test consumer refuses this batch");
            }
            received.addAll(messages);
        });
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread worker = new Thread(() -> serve(processor, socket), "test-consumer-conn");
                threads.add(worker);
                worker.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Consumer.Processor<Consumer.Iface> processor, Socket socket) {
        try {
            TBinaryProtocol protocol = new TBinaryProtocol(new TSocket(socket));
            while (!closed) {
                processor.process(protocol, protocol);
            }
        } catch (TException e) {
            // the broker hung up or we were closed
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Takes the endpoint down: stops listening and drops every open connection. Idempotent. */
    void stop() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
        try {
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
