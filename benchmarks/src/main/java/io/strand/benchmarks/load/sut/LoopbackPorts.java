package io.strand.benchmarks.load.sut;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ports on 127.0.0.1 only: every server the tool starts listens there and nowhere else. */
public final class LoopbackPorts {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private LoopbackPorts() {
    }

    /**
     * A port that was free a moment ago. Another process could take it before the server binds it;
     * that shows up as a start failure naming the port, not as a wrong measurement.
     */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * Polls every 5 ms until something accepts TCP connections on {@code port}; fails at once if
     * {@code server} exits meanwhile, and after {@code timeout} otherwise.
     */
    public static void awaitListening(int port, ServerProcess server, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!server.isAlive()) {
                throw new IOException(server + " exited before listening on port " + port + "; its log ends:\n"
                        + server.logTail(30));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(server + " did not listen on port " + port + " within " + timeout
                            + "; its log ends:\n" + server.logTail(30));
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
    }
}
