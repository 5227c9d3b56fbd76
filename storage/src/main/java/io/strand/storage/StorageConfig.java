package io.strand.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link LogStore}. Build with {@link #builder(Path)}; every field has a default.
 *
 * @param dataDir              the RocksDB directory (created if missing)
 * @param defaultDurability    durability of topics that do not set their own
 * @param maxRecordBytes       largest single record ({@link Record#sizeInBytes()})
 * @param maxBatchBytes        largest batch accepted by one append
 * @param appendQueueBytes     bytes of appends queued for the writer before {@code append} waits
 * @param appendQueueRecords   records queued for the writer before {@code append} waits
 * @param appendQueueWait      how long {@code append} waits for queue space before failing with BUSY
 * @param retentionCheckInterval how often the background retention task runs
 * @param writeBufferBytes     RocksDB memtable size for the log column family
 * @param clock                source of append timestamps (injectable for tests)
 * @param faultInjector        test seam that can fail writes as a disk would; {@link FaultInjector#NONE} in production
 * @param producerStatesMax    idempotent-producer states (producer × topic) remembered at most; beyond it the
 *                             least recently used is forgotten, so producer ids cannot grow memory without bound
 * @param producerStateExpiry  a producer's state on a topic is forgotten once it has not appended there for
 *                             this long (its retries are long over: the client's delivery timeout is minutes)
 */
public record StorageConfig(Path dataDir, Durability defaultDurability, int maxRecordBytes, int maxBatchBytes,
                            long appendQueueBytes, int appendQueueRecords, Duration appendQueueWait,
                            Duration retentionCheckInterval, long writeBufferBytes, Clock clock,
                            FaultInjector faultInjector, int producerStatesMax, Duration producerStateExpiry) {

    public static final int DEFAULT_PRODUCER_STATES_MAX = 100_000;
    public static final Duration DEFAULT_PRODUCER_STATE_EXPIRY = Duration.ofDays(1);

    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(defaultDurability, "defaultDurability");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(faultInjector, "faultInjector");
        if (maxRecordBytes <= 0 || maxBatchBytes < maxRecordBytes) {
            throw new IllegalArgumentException("need 0 < maxRecordBytes <= maxBatchBytes");
        }
        Objects.requireNonNull(producerStateExpiry, "producerStateExpiry");
        if (producerStatesMax < 1 || producerStateExpiry.isNegative() || producerStateExpiry.isZero()) {
            throw new IllegalArgumentException("need producerStatesMax >= 1 and a positive producerStateExpiry");
        }
    }

    /** The settings without a fault injector (the form this record had before {@code faultInjector}). */
    public StorageConfig(Path dataDir, Durability defaultDurability, int maxRecordBytes, int maxBatchBytes,
                         long appendQueueBytes, int appendQueueRecords, Duration appendQueueWait,
                         Duration retentionCheckInterval, long writeBufferBytes, Clock clock) {
        this(dataDir, defaultDurability, maxRecordBytes, maxBatchBytes, appendQueueBytes, appendQueueRecords,
                appendQueueWait, retentionCheckInterval, writeBufferBytes, clock, FaultInjector.NONE,
                DEFAULT_PRODUCER_STATES_MAX, DEFAULT_PRODUCER_STATE_EXPIRY);
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public Builder toBuilder() {
        return new Builder(dataDir).defaultDurability(defaultDurability).maxRecordBytes(maxRecordBytes)
                .maxBatchBytes(maxBatchBytes).appendQueueBytes(appendQueueBytes).appendQueueRecords(appendQueueRecords)
                .appendQueueWait(appendQueueWait).retentionCheckInterval(retentionCheckInterval)
                .writeBufferBytes(writeBufferBytes).clock(clock).faultInjector(faultInjector)
                .producerStatesMax(producerStatesMax).producerStateExpiry(producerStateExpiry);
    }

    public static final class Builder {
        private final Path dataDir;
        private Durability defaultDurability = Durability.FSYNC;
        private int maxRecordBytes = 1 << 20;
        private int maxBatchBytes = 16 << 20;
        private long appendQueueBytes = 64L << 20;
        private int appendQueueRecords = 500_000;
        private Duration appendQueueWait = Duration.ofSeconds(30);
        private Duration retentionCheckInterval = Duration.ofSeconds(30);
        private long writeBufferBytes = 64L << 20;
        private Clock clock = Clock.systemUTC();
        private FaultInjector faultInjector = FaultInjector.NONE;
        private int producerStatesMax = DEFAULT_PRODUCER_STATES_MAX;
        private Duration producerStateExpiry = DEFAULT_PRODUCER_STATE_EXPIRY;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder defaultDurability(Durability v) { this.defaultDurability = v; return this; }
        public Builder maxRecordBytes(int v) { this.maxRecordBytes = v; return this; }
        public Builder maxBatchBytes(int v) { this.maxBatchBytes = v; return this; }
        public Builder appendQueueBytes(long v) { this.appendQueueBytes = v; return this; }
        public Builder appendQueueRecords(int v) { this.appendQueueRecords = v; return this; }
        public Builder appendQueueWait(Duration v) { this.appendQueueWait = v; return this; }
        public Builder retentionCheckInterval(Duration v) { this.retentionCheckInterval = v; return this; }
        public Builder writeBufferBytes(long v) { this.writeBufferBytes = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        /** Test seam; see {@link FaultInjector}. */
        public Builder faultInjector(FaultInjector v) { this.faultInjector = v; return this; }
        public Builder producerStatesMax(int v) { this.producerStatesMax = v; return this; }
        public Builder producerStateExpiry(Duration v) { this.producerStateExpiry = v; return this; }

        public StorageConfig build() {
            return new StorageConfig(dataDir, defaultDurability, maxRecordBytes, maxBatchBytes, appendQueueBytes,
                    appendQueueRecords, appendQueueWait, retentionCheckInterval, writeBufferBytes, clock, faultInjector,
                    producerStatesMax, producerStateExpiry);
        }
    }
}
