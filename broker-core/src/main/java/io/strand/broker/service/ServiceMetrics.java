package io.strand.broker.service;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request layer's metrics (the package documentation lists them with their meaning). Timers
 * record successful requests only; failures are counted apart, so a burst of rejected requests does
 * not flatter the latency.
 *
 * <p>Gauges are registered replacing any gauge of the same name (a service restarted in the same JVM
 * takes over its names) and removed on {@link #close()}, so no gauge outlives the service whose state
 * it reads.
 */
final class ServiceMetrics implements AutoCloseable {
    static final String FETCH_WAITING = "broker.fetch.waiting";

    final Timer publishLatency;
    final Timer fetchLatency;
    final Timer commitLatency;
    final Meter publishFailures;
    final Meter fetchFailures;
    final Meter commitFailures;
    final Meter otherFailures;
    final Meter messagesIn;
    final Meter bytesIn;
    final Meter messagesOut;
    final Meter bytesOut;
    final Meter duplicates;
    final Histogram publishBatchSize;

    private final MetricRegistry registry;
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    ServiceMetrics(MetricRegistry registry) {
        this.registry = registry;
        publishLatency = registry.timer("broker.publish.latency");
        fetchLatency = registry.timer("broker.fetch.latency");
        commitLatency = registry.timer("broker.commit.latency");
        publishFailures = registry.meter("broker.publish.failures");
        fetchFailures = registry.meter("broker.fetch.failures");
        commitFailures = registry.meter("broker.commit.failures");
        otherFailures = registry.meter("broker.other.failures");
        messagesIn = registry.meter("broker.messages.in");
        bytesIn = registry.meter("broker.bytes.in");
        messagesOut = registry.meter("broker.messages.out");
        bytesOut = registry.meter("broker.bytes.out");
        duplicates = registry.meter("broker.publish.duplicates");
        publishBatchSize = registry.histogram("broker.publish.batch.size");
    }

    static String lagMessagesName(String subscription) {
        return "subscription." + subscription + ".lag.messages";
    }

    static String lagMsName(String subscription) {
        return "subscription." + subscription + ".lag.ms";
    }

    void registerGauge(String name, Gauge<?> gauge) {
        registry.remove(name);
        registry.register(name, gauge);
        gauges.add(name);
    }

    void registerLag(String subscription, Gauge<Long> messages, Gauge<Long> ms) {
        registerGauge(lagMessagesName(subscription), messages);
        registerGauge(lagMsName(subscription), ms);
    }

    void removeLag(String subscription) {
        removeGauge(lagMessagesName(subscription));
        removeGauge(lagMsName(subscription));
    }

    @Override
    public void close() {
        for (String name : List.copyOf(gauges)) {
            removeGauge(name);
        }
    }

    private void removeGauge(String name) {
        if (gauges.remove(name)) {
            registry.remove(name);
        }
    }
}
