package io.strand.broker.config;

import static io.strand.broker.config.ConfigKeys.*;

import io.strand.broker.service.ServiceSettings;
import io.strand.storage.Durability;
import io.strand.storage.StorageConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The broker's validated, immutable configuration: every key of {@link ConfigKeys} with its value.
 *
 * <p>Precedence, lowest first: the defaults, a properties file, then command-line settings
 * ({@link #load}). Unknown keys, malformed or out-of-range values and inconsistent combinations are
 * rejected with a {@link ConfigException} naming the key, the value and what is allowed; a broker
 * never starts on a configuration it could not fully understand.
 */
public final class BrokerConfig {
    private final Map<ConfigKey<?>, Object> values;

    private BrokerConfig(Map<ConfigKey<?>, Object> values) {
        this.values = Map.copyOf(values);
        checkConsistency();
    }

    /** Every setting at its default. */
    public static BrokerConfig defaults() {
        return fromMap(Map.of());
    }

    /** Defaults overridden by {@code settings} (keys as in {@code docs/configuration.md}). */
    public static BrokerConfig fromMap(Map<String, String> settings) {
        return build(settings, "");
    }

    /**
     * Defaults, overridden by the properties file (if given), overridden by {@code overrides}
     * (the command line).
     */
    public static BrokerConfig load(Optional<Path> file, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file.isPresent()) {
            Map<String, String> fromFile = readProperties(file.get());
            checkKnown(fromFile, " in " + file.get());
            merged.putAll(fromFile);
        }
        checkKnown(overrides, "");
        merged.putAll(overrides);
        return build(merged, "");
    }

    /** A copy with {@code overrides} applied on top of this configuration. */
    public BrokerConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(asMap());
        checkKnown(overrides, "");
        merged.putAll(overrides);
        return build(merged, "");
    }

    private static BrokerConfig build(Map<String, String> settings, String where) {
        checkKnown(settings, where);
        Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String text = settings.get(key.name());
            values.put(key, text == null ? key.defaultValue() : key.parse(text));
        }
        return new BrokerConfig(values);
    }

    private static void checkKnown(Map<String, String> settings, String where) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Objects.requireNonNull(e.getValue(), () -> "null value for " + e.getKey());
            if (ConfigKeys.find(e.getKey()).isEmpty()) {
                String hint = ConfigKeys.closest(e.getKey()).map(k -> " (did you mean '" + k + "'?)")
                        .orElse(" (docs/configuration.md lists every setting)");
                throw new ConfigException(e.getKey(), "unknown setting '" + e.getKey() + "'" + where + hint);
            }
        }
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    private void checkConsistency() {
        requireAtMost(MAX_MESSAGE_BYTES, MAX_BATCH_BYTES);
        requireAtMost(PUSH_BACKOFF_INITIAL, PUSH_BACKOFF_MAX);
        requireAtMost(MAX_BATCH_BYTES, STORAGE_APPEND_QUEUE_BYTES);
        requireAtMost(MAX_BATCH_MESSAGES, STORAGE_APPEND_QUEUE_RECORDS);
        if (get(MAX_FRAME_BYTES) <= get(MAX_BATCH_BYTES)) {
            throw new ConfigException(MAX_FRAME_BYTES.name(), MAX_FRAME_BYTES.name() + " ("
                    + MAX_FRAME_BYTES.format(get(MAX_FRAME_BYTES)) + ") must be larger than " + MAX_BATCH_BYTES.name()
                    + " (" + MAX_BATCH_BYTES.format(get(MAX_BATCH_BYTES)) + ") to leave room for a full batch's framing");
        }
        if (get(MAX_INFLIGHT_REQUEST_BYTES) < get(MAX_FRAME_BYTES)) {
            throw new ConfigException(MAX_INFLIGHT_REQUEST_BYTES.name(), MAX_INFLIGHT_REQUEST_BYTES.name() + " ("
                    + MAX_INFLIGHT_REQUEST_BYTES.format(get(MAX_INFLIGHT_REQUEST_BYTES)) + ") must be at least "
                    + MAX_FRAME_BYTES.name() + " (" + MAX_FRAME_BYTES.format(get(MAX_FRAME_BYTES))
                    + "), or a request of the largest allowed size could never be read");
        }
        if (get(PORT) != 0 && get(PORT).equals(get(ADMIN_PORT))) {
            throw new ConfigException(ADMIN_PORT.name(), "admin.port and port are both " + get(PORT)
                    + "; give the admin HTTP server its own port (or -1 to turn it off)");
        }
    }

    private <T extends Comparable<T>> void requireAtMost(ConfigKey<T> smaller, ConfigKey<T> larger) {
        T a = get(smaller);
        T b = get(larger);
        if (a.compareTo(b) > 0) {
            throw new ConfigException(smaller.name(), smaller.name() + " (" + smaller.format(a) + ") must not exceed "
                    + larger.name() + " (" + larger.format(b) + ")");
        }
    }

    public <T> T get(ConfigKey<T> key) {
        @SuppressWarnings("unchecked") T value = (T) values.get(key);
        return value;
    }

    /** Every setting, formatted as it would be written in a properties file, in table order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            map.put(key.name(), key.formatObject(values.get(key)));
        }
        return map;
    }

    public Path dataDir() { return get(DATA_DIR); }
    public String bindAddress() { return get(BIND_ADDRESS); }
    /** The Thrift port; 0 = any free port. */
    public int port() { return get(PORT); }

    /** The admin HTTP port (0 = any free port); empty when admin HTTP is off ({@code admin.port=-1}). */
    public OptionalInt adminPort() {
        int port = get(ADMIN_PORT);
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    public Durability durability() { return get(DURABILITY); }
    public boolean autoCreateTopics() { return get(AUTO_CREATE_TOPICS); }
    public int maxMessageBytes() { return Math.toIntExact(get(MAX_MESSAGE_BYTES)); }
    public int maxBatchMessages() { return get(MAX_BATCH_MESSAGES); }
    public int maxBatchBytes() { return Math.toIntExact(get(MAX_BATCH_BYTES)); }
    public int maxFrameBytes() { return Math.toIntExact(get(MAX_FRAME_BYTES)); }
    public int maxConnections() { return get(MAX_CONNECTIONS); }

    /** Empty when idle connections are never closed ({@code connection.idle.timeout.ms=0}). */
    public Optional<Duration> connectionIdleTimeout() {
        Duration d = get(CONNECTION_IDLE_TIMEOUT);
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** Empty when stalled response writes are never timed out ({@code connection.write.timeout.ms=0}). */
    public Optional<Duration> connectionWriteTimeout() {
        Duration d = get(CONNECTION_WRITE_TIMEOUT);
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    public long maxInflightRequestBytes() { return get(MAX_INFLIGHT_REQUEST_BYTES); }
    public Duration inflightRequestWait() { return get(INFLIGHT_REQUEST_WAIT); }
    public Duration fetchMaxWait() { return get(FETCH_MAX_WAIT); }
    public int fetchMaxMessages() { return get(FETCH_MAX_MESSAGES); }
    public int fetchMaxBytes() { return Math.toIntExact(get(FETCH_MAX_BYTES)); }
    public int pushMaxDeliveries() { return get(PUSH_MAX_DELIVERIES); }
    public int pushBatchMessages() { return get(PUSH_BATCH_MESSAGES); }
    public Duration pushTimeout() { return get(PUSH_TIMEOUT); }
    public Duration pushBackoffInitial() { return get(PUSH_BACKOFF_INITIAL); }
    public Duration pushBackoffMax() { return get(PUSH_BACKOFF_MAX); }
    public Duration retentionCheckInterval() { return get(RETENTION_CHECK_INTERVAL); }
    public long storageWriteBufferBytes() { return get(STORAGE_WRITE_BUFFER_BYTES); }
    public long storageAppendQueueBytes() { return get(STORAGE_APPEND_QUEUE_BYTES); }
    public int storageAppendQueueRecords() { return get(STORAGE_APPEND_QUEUE_RECORDS); }
    public Duration storageAppendQueueWait() { return get(STORAGE_APPEND_QUEUE_WAIT); }
    public int producerStatesMax() { return get(PRODUCER_STATES_MAX); }
    public Duration producerStateExpiry() { return get(PRODUCER_STATE_EXPIRY); }
    public Duration shutdownTimeout() { return get(SHUTDOWN_TIMEOUT); }
    public boolean jmxEnabled() { return get(JMX_ENABLED); }

    /** The request layer's share of this configuration. */
    public ServiceSettings serviceSettings() {
        return new ServiceSettings(maxMessageBytes(), maxBatchMessages(), maxBatchBytes(), autoCreateTopics(),
                fetchMaxWait(), fetchMaxMessages(), fetchMaxBytes(),
                pushMaxDeliveries(), pushBatchMessages(), pushTimeout(), pushBackoffInitial(), pushBackoffMax());
    }

    private static final int RECORD_HEADROOM_BYTES = 4096;

    /** The store's share of this configuration. */
    public StorageConfig storageConfig() {
        return StorageConfig.builder(dataDir())
                .defaultDurability(durability())
                // Headroom over the wire limit, which the broker enforces itself before appending: the store
                // counts per-record overhead, and dead-lettering adds origin headers to a message that was
                // legal when published; neither may make such a message unstorable.
                .maxRecordBytes((int) Math.min((long) maxMessageBytes() + RECORD_HEADROOM_BYTES, maxBatchBytes()))
                .maxBatchBytes(maxBatchBytes())
                .appendQueueBytes(storageAppendQueueBytes())
                .appendQueueRecords(storageAppendQueueRecords())
                .appendQueueWait(storageAppendQueueWait())
                .retentionCheckInterval(retentionCheckInterval())
                .writeBufferBytes(storageWriteBufferBytes())
                .producerStatesMax(producerStatesMax())
                .producerStateExpiry(producerStateExpiry())
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "BrokerConfig" + asMap();
    }
}
