package io.strand.broker.net;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import org.slf4j.LoggerFactory;

/**
 * The transport's metrics (names as listed in the README) and its rate-limited warning log, shared by
 * the acceptor and every connection. Meters are thread-safe.
 */
final class TransportMetrics {
    static final String ACTIVE = "broker.connections.active";
    static final String ACCEPTED = "broker.connections.accepted";
    static final String REJECTED = "broker.connections.rejected";
    static final String IDLE_CLOSED = "broker.connections.idle.closed";
    static final String PROTOCOL_ERRORS = "broker.protocol.errors";
    static final String REQUESTS_REJECTED = "broker.requests.rejected";

    final Meter accepted;
    final Meter rejected;
    final Meter idleClosed;
    final Meter protocolErrors;
    final Meter requestsRejected;
    final RateLimitedLog warnings = new RateLimitedLog(LoggerFactory.getLogger(ThriftServer.class));

    TransportMetrics(MetricRegistry registry) {
        accepted = registry.meter(ACCEPTED);
        rejected = registry.meter(REJECTED);
        idleClosed = registry.meter(IDLE_CLOSED);
        protocolErrors = registry.meter(PROTOCOL_ERRORS);
        requestsRejected = registry.meter(REQUESTS_REJECTED);
    }
}
