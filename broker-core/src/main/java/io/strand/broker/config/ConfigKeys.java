package io.strand.broker.config;

import io.strand.storage.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every broker setting, in the order the configuration table lists them. Adding a setting here is
 * all it takes for it to be accepted from files and {@code --set}, shown in {@code --help}'s table
 * and documented in {@code docs/configuration.md}.
 */
public final class ConfigKeys {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long MINUTE_MS = 60_000;
    private static final long DAY_MS = 24 * 60 * MINUTE_MS;

    public static final ConfigKey<Path> DATA_DIR = ConfigKey.ofPath("data.dir", Path.of("./data"),
            "Directory of the embedded RocksDB store (created if missing). One broker per directory.");
    public static final ConfigKey<String> BIND_ADDRESS = ConfigKey.ofHost("bind.address", "127.0.0.1",
            "Address the Thrift and admin ports listen on. Use 0.0.0.0 to accept remote clients.");
    public static final ConfigKey<Integer> PORT = ConfigKey.ofInt("port", 9090, 0, 65535,
            "Thrift port, serving framed and unframed binary and compact clients alike. 0 = any free port.");
    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.ofInt("admin.port", 9091, -1, 65535,
            "Admin HTTP port (`/metrics`, `/metrics.json`, `/health`). 0 = any free port, -1 = off.");
    public static final ConfigKey<Durability> DURABILITY = ConfigKey.ofDurability("durability", Durability.FSYNC,
            "Default durability of an acknowledged publish: `fsync` = WAL fsynced (survives a power cut), "
                    + "`wal` = in the OS page cache (survives a killed broker). A topic created with its own durability uses that instead.");
    public static final ConfigKey<Boolean> AUTO_CREATE_TOPICS = ConfigKey.ofBoolean("auto.create.topics", true,
            "Whether publishing to an unknown topic creates it.");
    public static final ConfigKey<Long> MAX_MESSAGE_BYTES = ConfigKey.ofBytes("max.message.bytes", MIB, 1, 256 * MIB,
            "Largest message (data + key + headers) a publish accepts; larger ones fail with MESSAGE_TOO_LARGE.");
    public static final ConfigKey<Integer> MAX_BATCH_MESSAGES = ConfigKey.ofInt("max.batch.messages", 10_000, 1, 1_000_000,
            "Most messages in one publishBatch; more fail with BATCH_TOO_LARGE.");
    public static final ConfigKey<Long> MAX_BATCH_BYTES = ConfigKey.ofBytes("max.batch.bytes", 16 * MIB, KIB, GIB,
            "Most message bytes in one publishBatch; more fail with BATCH_TOO_LARGE. At least max.message.bytes.");
    public static final ConfigKey<Long> MAX_FRAME_BYTES = ConfigKey.ofBytes("max.frame.bytes", 64 * MIB, 4 * KIB, GIB,
            "Largest request on the wire (a frame, or one unframed message). A larger one closes the "
                    + "connection before it is read. Must exceed max.batch.bytes.");
    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.ofInt("max.connections", 1024, 1, 100_000,
            "Most client connections served at once (one thread each); further ones are closed at once.");
    public static final ConfigKey<Duration> CONNECTION_IDLE_TIMEOUT = ConfigKey.ofMillis(
            "connection.idle.timeout.ms", 10 * MINUTE_MS, 0, DAY_MS,
            "A connection that sends no request for this long is closed. Time spent inside a request "
                    + "(such as a long-poll fetch) does not count. 0 = never.");
    public static final ConfigKey<Duration> CONNECTION_WRITE_TIMEOUT = ConfigKey.ofMillis(
            "connection.write.timeout.ms", 30_000, 0, DAY_MS,
            "A connection whose response write makes no progress for this long (the client stopped reading) "
                    + "is closed, freeing its thread and memory. 0 = never.");
    public static final ConfigKey<Long> MAX_INFLIGHT_REQUEST_BYTES = ConfigKey.ofBytes("max.inflight.request.bytes",
            128 * MIB, 4 * KIB, 64 * GIB,
            "Memory all connections together may hold for requests in flight: request bytes being read, "
                    + "an estimate of their decoded size, and response bytes being written. The first 64 KiB of "
                    + "each connection's request are not counted. At least max.frame.bytes.");
    public static final ConfigKey<Duration> INFLIGHT_REQUEST_WAIT = ConfigKey.ofMillis("inflight.request.wait.ms",
            10_000, 0, 10 * MINUTE_MS,
            "How long a request waits for room under max.inflight.request.bytes before its connection is closed.");
    public static final ConfigKey<Duration> FETCH_MAX_WAIT = ConfigKey.ofMillis("fetch.max.wait.ms",
            30_000, 0, 5 * MINUTE_MS,
            "Cap on a fetch's maxWaitMs (how long a long-poll waits for data).");
    public static final ConfigKey<Integer> FETCH_MAX_MESSAGES = ConfigKey.ofInt("fetch.max.messages", 10_000, 1, 1_000_000,
            "Cap on a fetch's maxMessages.");
    public static final ConfigKey<Long> FETCH_MAX_BYTES = ConfigKey.ofBytes("fetch.max.bytes", 16 * MIB, KIB, GIB,
            "Cap on a fetch's maxBytes (a single larger message is still returned whole).");
    public static final ConfigKey<Integer> PUSH_MAX_DELIVERIES = ConfigKey.ofInt("push.max.deliveries", 10, 1, 1_000_000,
            "Failed deliveries of one push batch before it goes to the subscription's dead-letter topic "
                    + "(a subscription may set its own).");
    public static final ConfigKey<Integer> PUSH_BATCH_MESSAGES = ConfigKey.ofInt("push.batch.messages", 500, 1, 100_000,
            "Most messages in one Consumer.consume call.");
    public static final ConfigKey<Duration> PUSH_TIMEOUT = ConfigKey.ofMillis("push.timeout.ms",
            10_000, 1, 10 * MINUTE_MS,
            "Connect + consume timeout of one push delivery; a timeout counts as a failed delivery.");
    public static final ConfigKey<Duration> PUSH_BACKOFF_INITIAL = ConfigKey.ofMillis(
            "push.backoff.initial.ms", 100, 1, 60 * MINUTE_MS,
            "First retry delay after a failed push delivery; doubles on each further failure.");
    public static final ConfigKey<Duration> PUSH_BACKOFF_MAX = ConfigKey.ofMillis("push.backoff.max.ms",
            30_000, 1, DAY_MS,
            "Cap of the push retry delay. At least push.backoff.initial.ms.");
    public static final ConfigKey<Duration> RETENTION_CHECK_INTERVAL = ConfigKey.ofMillis(
            "retention.check.interval.ms", 30_000, 100, DAY_MS,
            "How often topics are trimmed to their retention.ms / retention.bytes.");
    public static final ConfigKey<Long> STORAGE_WRITE_BUFFER_BYTES = ConfigKey.ofBytes("storage.write.buffer.bytes",
            64 * MIB, MIB, 4 * GIB,
            "RocksDB memtable size of the log column family.");
    public static final ConfigKey<Long> STORAGE_APPEND_QUEUE_BYTES = ConfigKey.ofBytes("storage.append.queue.bytes",
            64 * MIB, MIB, 16 * GIB,
            "Bytes of appends queued for the store's writer thread before publishers wait. At least max.batch.bytes.");
    public static final ConfigKey<Integer> STORAGE_APPEND_QUEUE_RECORDS = ConfigKey.ofInt("storage.append.queue.records",
            500_000, 1, 100_000_000,
            "Messages queued for the store's writer thread before publishers wait. At least max.batch.messages.");
    public static final ConfigKey<Duration> STORAGE_APPEND_QUEUE_WAIT = ConfigKey.ofMillis(
            "storage.append.queue.wait.ms", 30_000, 0, 10 * MINUTE_MS,
            "How long a publish waits for room in a full append queue before failing with UNAVAILABLE.");
    public static final ConfigKey<Integer> PRODUCER_STATES_MAX = ConfigKey.ofInt("producer.states.max",
            100_000, 1, 100_000_000,
            "Idempotent-producer states (producer id × topic, the last 5 batch sequences each) kept at most; beyond"
            + " it the least recently used is forgotten, so clients asking for producer ids cannot grow memory without"
            + " bound. A forgotten producer's next batch is accepted as its first.");
    public static final ConfigKey<Duration> PRODUCER_STATE_EXPIRY = ConfigKey.ofMillis("producer.state.expiry.ms",
            DAY_MS, MINUTE_MS, 365 * DAY_MS,
            "A producer's state on a topic is forgotten once it has not published there for this long. Keep it well"
            + " above the clients' delivery timeout, so a retry is always recognised.");
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.ofMillis("shutdown.timeout.ms",
            10_000, 0, 10 * MINUTE_MS,
            "On stop (SIGTERM), how long in-flight requests may take to finish before their connections are closed.");
    public static final ConfigKey<Boolean> JMX_ENABLED = ConfigKey.ofBoolean("jmx.enabled", true,
            "Whether the metrics are also exposed as JMX MBeans (domain `io.strand.broker`).");

    /** All keys, in table order. */
    public static final List<ConfigKey<?>> ALL = List.of(DATA_DIR, BIND_ADDRESS, PORT, ADMIN_PORT, DURABILITY,
            AUTO_CREATE_TOPICS, MAX_MESSAGE_BYTES, MAX_BATCH_MESSAGES, MAX_BATCH_BYTES, MAX_FRAME_BYTES,
            MAX_CONNECTIONS, CONNECTION_IDLE_TIMEOUT, CONNECTION_WRITE_TIMEOUT, MAX_INFLIGHT_REQUEST_BYTES,
            INFLIGHT_REQUEST_WAIT, FETCH_MAX_WAIT, FETCH_MAX_MESSAGES, FETCH_MAX_BYTES,
            PUSH_MAX_DELIVERIES, PUSH_BATCH_MESSAGES, PUSH_TIMEOUT, PUSH_BACKOFF_INITIAL, PUSH_BACKOFF_MAX,
            RETENTION_CHECK_INTERVAL, STORAGE_WRITE_BUFFER_BYTES, STORAGE_APPEND_QUEUE_BYTES,
            STORAGE_APPEND_QUEUE_RECORDS, STORAGE_APPEND_QUEUE_WAIT, PRODUCER_STATES_MAX, PRODUCER_STATE_EXPIRY,
            SHUTDOWN_TIMEOUT, JMX_ENABLED);

    private static final Map<String, ConfigKey<?>> BY_NAME = byName();

    private ConfigKeys() {
    }

    public static Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The declared key closest to a mistyped one, if any is close (for "did you mean" hints). */
    static Optional<String> closest(String name) {
        return ALL.stream().map(ConfigKey::name)
                .filter(k -> editDistance(k, name) <= Math.max(2, name.length() / 4))
                .min(Comparator.comparingInt(k -> editDistance(k, name)));
    }

    private static Map<String, ConfigKey<?>> byName() {
        Map<String, ConfigKey<?>> map = new LinkedHashMap<>();
        for (ConfigKey<?> key : ALL) {
            if (map.put(key.name(), key) != null) {
                throw new IllegalStateException("config key declared twice: " + key.name());
            }
        }
        return Map.copyOf(map);
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
