package io.strand.broker.push;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/**
 * The push metrics, shared by every dispatcher (see the package documentation for the list).
 * {@code broker.messages.out} and {@code broker.bytes.out} are the same meters the fetch path marks,
 * so they count everything that left the broker.
 */
final class PushMetrics {
    final Meter deliveries;
    final Meter failures;
    final Meter retries;
    final Meter deadLettered;
    final Meter messagesOut;
    final Meter bytesOut;

    PushMetrics(MetricRegistry registry) {
        deliveries = registry.meter("broker.push.deliveries");
        failures = registry.meter("broker.push.failures");
        retries = registry.meter("broker.push.retries");
        deadLettered = registry.meter("broker.push.deadlettered.messages");
        messagesOut = registry.meter("broker.messages.out");
        bytesOut = registry.meter("broker.bytes.out");
    }
}
