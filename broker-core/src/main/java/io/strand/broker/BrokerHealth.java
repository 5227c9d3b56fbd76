package io.strand.broker;

import io.strand.broker.admin.Health;
import io.strand.broker.net.ThriftServer;
import io.strand.broker.service.BrokerService;
import io.strand.storage.LogStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /health} reports: DOWN with the cause once the store has had its (sticky) failure, DOWN
 * while the broker is stopping, else UP. Read by the admin HTTP threads; every input is thread-safe.
 */
final class BrokerHealth {
    private final LogStore store;
    private final BrokerService service;
    private final ThriftServer server;
    private volatile boolean stopping;

    BrokerHealth(LogStore store, BrokerService service, ThriftServer server) {
        this.store = store;
        this.service = service;
        this.server = server;
    }

    void stopping() {
        stopping = true;
    }

    Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connections", server.activeConnections());
        Optional<Throwable> failure = store.failure();
        if (failure.isPresent() || !service.healthy()) {
            details.put("storage", failure.map(f -> String.valueOf(f.getMessage())).orElse("unhealthy"));
            return new Health(false, details);
        }
        details.put("storage", "ok");
        if (stopping) {
            details.put("reason", "shutting down");
            return new Health(false, details);
        }
        return new Health(true, details);
    }
}
