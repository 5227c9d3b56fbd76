package io.strand.broker.net;

import java.time.Duration;
import java.util.Optional;

/** {@link ServerSettings} for transport tests: the basics given, generous memory limits, no write timeout. */
final class TestSettings {

    private TestSettings() {
    }

    /** A memory budget of twice the frame size with a 10 s wait, and no write timeout. */
    static ServerSettings of(String bindAddress, int port, int maxConnections, int maxFrameBytes,
                             int maxContainerElements, Optional<Duration> idleTimeout) {
        return new ServerSettings(bindAddress, port, maxConnections, maxFrameBytes, maxContainerElements,
                idleTimeout, Optional.empty(), 2L * maxFrameBytes, Duration.ofSeconds(10));
    }

    static ServerSettings withWriteTimeout(ServerSettings s, Duration timeout) {
        return new ServerSettings(s.bindAddress(), s.port(), s.maxConnections(), s.maxFrameBytes(),
                s.maxContainerElements(), s.idleTimeout(), Optional.of(timeout), s.maxInflightBytes(), s.inflightWait());
    }

    static ServerSettings withMemoryBudget(ServerSettings s, long bytes, Duration wait) {
        return new ServerSettings(s.bindAddress(), s.port(), s.maxConnections(), s.maxFrameBytes(),
                s.maxContainerElements(), s.idleTimeout(), s.writeTimeout(), bytes, wait);
    }
}
