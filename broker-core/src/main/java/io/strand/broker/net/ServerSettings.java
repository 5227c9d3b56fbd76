package io.strand.broker.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Thrift server needs to know, already validated by the broker's configuration.
 *
 * @param bindAddress          host or IP literal to listen on
 * @param port                 0 = any free port
 * @param maxConnections       connections served at once; further ones are closed on accept
 * @param maxFrameBytes        largest request (a frame, or one unframed message), checked before reading it
 * @param maxContainerElements longest list/map/set accepted in a request, checked before allocating it
 * @param idleTimeout          close a connection that starts no request for this long; empty = never
 * @param writeTimeout         close a connection whose response write makes no progress for this long;
 *                             empty = never
 * @param maxInflightBytes     memory all connections together may hold for requests in flight (see
 *                             {@link MemoryBudget}); at least {@code maxFrameBytes}
 * @param inflightWait         how long a request waits for room in that budget before its connection
 *                             is closed
 */
public record ServerSettings(String bindAddress, int port, int maxConnections, int maxFrameBytes,
                             int maxContainerElements, Optional<Duration> idleTimeout,
                             Optional<Duration> writeTimeout, long maxInflightBytes, Duration inflightWait) {
    public ServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(inflightWait, "inflightWait");
        if (maxConnections < 1 || maxFrameBytes < 5 || maxContainerElements < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxInflightBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxInflightBytes (" + maxInflightBytes + ") must be at least "
                    + "maxFrameBytes (" + maxFrameBytes + ")");
        }
        if (inflightWait.isNegative() || writeTimeout.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }
}
