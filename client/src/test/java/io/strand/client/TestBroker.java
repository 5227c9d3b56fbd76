package io.strand.client;

import io.strand.broker.Broker;
import io.strand.broker.config.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real broker in this JVM for integration tests: data in a test's temporary directory, Thrift on
 * 127.0.0.1, admin HTTP and JMX off, short push backoff. {@link #restart()} stops it and starts a new
 * one on the same directory and the same port, as an operator's restart would.
 */
public final class TestBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private Broker broker;

    private TestBroker(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.broker = start(dataDir, port);
    }

    /** A broker on an ephemeral port. */
    public static TestBroker start(Path dataDir) {
        Broker b = start(dataDir, 0);
        TestBroker test = new TestBroker(dataDir, b);
        return test;
    }

    /** A broker on a fixed free port, so that {@link #restart()} comes back at the same address. */
    public static TestBroker startRestartable(Path dataDir) {
        return new TestBroker(dataDir, freePort());
    }

    private TestBroker(Path dataDir, Broker running) {
        this.dataDir = dataDir;
        this.port = running.port();
        this.broker = running;
    }

    private static Broker start(Path dataDir, int port) {
        Map<String, String> settings = new HashMap<>();
        settings.put("data.dir", dataDir.toString());
        settings.put("bind.address", "127.0.0.1");
        settings.put("port", Integer.toString(port));
        settings.put("admin.port", "-1");
        settings.put("jmx.enabled", "false");
        settings.put("push.backoff.initial.ms", "50");
        settings.put("push.backoff.max.ms", "500");
        settings.put("shutdown.timeout.ms", "2000");
        return Broker.start(BrokerConfig.fromMap(settings));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public ClientOptions clientOptions() {
        return ClientOptions.forBroker(address());
    }

    /** Stops the broker (gracefully) and starts a new one on the same data directory and port. */
    public void restart() {
        stop();
        broker = start(dataDir, port);
    }

    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
