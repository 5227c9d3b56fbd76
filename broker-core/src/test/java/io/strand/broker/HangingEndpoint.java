package io.strand.broker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A push endpoint that accepts connections and reads whatever the broker sends, but never answers —
 * a consumer stuck in a deadlock. Counts connections and the most bytes received on any one of them
 * (what the broker pushed without waiting for an answer). {@link #close()} drops everything.
 */
final class HangingEndpoint implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicLong maxBytesOnOneConnection = new AtomicLong();
    private volatile boolean closed;

    HangingEndpoint() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "hanging-endpoint-accept");
        threads.add(acceptor);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return sockets.size();
    }

    long maxBytesOnOneConnection() {
        return maxBytesOnOneConnection.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread reader = new Thread(() -> swallow(socket), "hanging-endpoint-conn");
                threads.add(reader);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void swallow(Socket socket) {
        byte[] sink = new byte[8192];
        long total = 0;
        try (InputStream in = socket.getInputStream()) {
            for (int n = in.read(sink); n >= 0 && !closed; n = in.read(sink)) {
                total += n;
                maxBytesOnOneConnection.accumulateAndGet(total, Math::max);
            }
        } catch (IOException e) {
            // the broker gave up on us (its timeout) or we were closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : sockets) {
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
}
