package io.strand.storage.rocksdb;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/** The store's metrics; the package-info lists each name with its unit and meaning. */
final class StoreMetrics {
    final Timer appendLatency;
    final Meter appendRecords;
    final Meter appendBytes;
    final Timer syncLatency;
    final Histogram groupSize;
    final Meter readRecords;
    final Meter appendFailures;
    final Counter retentionDeletedBatches;
    private final MetricRegistry registry;

    StoreMetrics(MetricRegistry registry) {
        this.registry = registry;
        appendLatency = registry.timer("storage.append.latency");
        appendRecords = registry.meter("storage.append.records");
        appendBytes = registry.meter("storage.append.bytes");
        syncLatency = registry.timer("storage.sync.latency");
        groupSize = registry.histogram("storage.group.size");
        readRecords = registry.meter("storage.read.records");
        appendFailures = registry.meter("storage.append.failures");
        retentionDeletedBatches = registry.counter("storage.retention.deleted.batches");
    }

    /** Gauges of the idempotent-producer states (read from any thread; see {@link ProducerStates}). */
    void watchProducerStates(ProducerStates states) {
        registry.gauge("storage.producer.states", () -> states::sizeSnapshot);
        registry.gauge("storage.producer.states.forgotten", () -> states::forgottenSnapshot);
    }
}
