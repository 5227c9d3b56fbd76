package io.strand.broker.net;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import org.slf4j.LoggerFactory;

/**
 * The transport's metrics and its rate-limited warning logs, shared by the acceptor, the write
 * watchdog and every connection. Meters and logs are thread-safe.
 */
final class TransportMetrics {
    static final String ACTIVE = "broker.connections.active";
    static final String ACCEPTED = "broker.connections.accepted";
    static final String REJECTED = "broker.connections.rejected";
    static final String IDLE_CLOSED = "broker.connections.idle.closed";
    static final String PROTOCOL_ERRORS = "broker.protocol.errors";
    static final String REQUESTS_REJECTED = "broker.requests.rejected";
    static final String MEMORY_REFUSED = "broker.connections.memory.refused";
    static final String WRITE_TIMEOUTS = "broker.connections.write.timeout";
    static final String INFLIGHT_BYTES = "broker.inflight.request.bytes";
    static final String INFLIGHT_WAITING = "broker.inflight.request.waiting";

    final Meter accepted;
    final Meter rejected;
    final Meter idleClosed;
    final Meter protocolErrors;
    final Meter requestsRejected;
    final Meter memoryRefused;
    final Meter writeTimeouts;
    /** One rate limit per kind of trouble, so a flood of one kind cannot hide the first line of another. */
    final RateLimitedLog protocolWarnings = new RateLimitedLog(LoggerFactory.getLogger(ThriftServer.class));
    final RateLimitedLog refusalWarnings = new RateLimitedLog(LoggerFactory.getLogger(ThriftServer.class));
    final RateLimitedLog memoryWarnings = new RateLimitedLog(LoggerFactory.getLogger(ThriftServer.class));
    final RateLimitedLog writeWarnings = new RateLimitedLog(LoggerFactory.getLogger(ThriftServer.class));

    TransportMetrics(MetricRegistry registry) {
        accepted = registry.meter(ACCEPTED);
        rejected = registry.meter(REJECTED);
        idleClosed = registry.meter(IDLE_CLOSED);
        protocolErrors = registry.meter(PROTOCOL_ERRORS);
        requestsRejected = registry.meter(REQUESTS_REJECTED);
        memoryRefused = registry.meter(MEMORY_REFUSED);
        writeTimeouts = registry.meter(WRITE_TIMEOUTS);
    }
}
