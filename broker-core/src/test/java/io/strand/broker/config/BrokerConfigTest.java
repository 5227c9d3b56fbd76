package io.strand.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.service.ServiceSettings;
import io.strand.storage.Durability;
import io.strand.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        BrokerConfig c = BrokerConfig.defaults();
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals("127.0.0.1", c.bindAddress());
        assertEquals(9090, c.port());
        assertEquals(OptionalInt.of(9091), c.adminPort());
        assertEquals(Durability.FSYNC, c.durability());
        assertTrue(c.autoCreateTopics());
        assertEquals(1 << 20, c.maxMessageBytes());
        assertEquals(10_000, c.maxBatchMessages());
        assertEquals(16 << 20, c.maxBatchBytes());
        assertEquals(64 << 20, c.maxFrameBytes());
        assertTrue(c.maxConnections() >= 1000, "must allow 1,000 concurrent clients");
        assertEquals(Optional.of(Duration.ofMinutes(10)), c.connectionIdleTimeout());
        assertEquals(Duration.ofSeconds(30), c.fetchMaxWait());
        assertEquals(Duration.ofSeconds(10), c.shutdownTimeout());
    }

    @Test
    void defaultServiceSettingsMatchTheServiceLayersOwnDefaults() {
        assertEquals(ServiceSettings.defaults(), BrokerConfig.defaults().serviceSettings());
    }

    @Test
    void storageConfigCarriesTheStorageSettings() {
        BrokerConfig c = BrokerConfig.fromMap(Map.of("data.dir", "/tmp/x", "durability", "wal",
                "storage.write.buffer.bytes", "8MiB", "retention.check.interval.ms", "1000"));
        StorageConfig s = c.storageConfig();
        assertEquals(Path.of("/tmp/x"), s.dataDir());
        assertEquals(Durability.WAL, s.defaultDurability());
        assertEquals(8L << 20, s.writeBufferBytes());
        assertEquals(Duration.ofSeconds(1), s.retentionCheckInterval());
        assertTrue(s.maxRecordBytes() > c.maxMessageBytes(),
                "the store leaves headroom so a legal message can still be dead-lettered with origin headers");
        assertTrue(s.maxRecordBytes() <= s.maxBatchBytes());
    }

    @Test
    void fileOverridesDefaultsAndCommandLineOverridesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("strand.properties");
        Files.writeString(file, "# a comment\nport = 7000\nadmin.port=7001\nmax.message.bytes=2MiB\n");
        BrokerConfig c = BrokerConfig.load(Optional.of(file), Map.of("port", "8000"));
        assertEquals(8000, c.port(), "command line wins over the file");
        assertEquals(OptionalInt.of(7001), c.adminPort(), "file wins over the default");
        assertEquals(2 << 20, c.maxMessageBytes());
        assertEquals("127.0.0.1", c.bindAddress(), "default where neither says");
    }

    @Test
    void withAppliesOverridesOnTop() {
        BrokerConfig c = BrokerConfig.fromMap(Map.of("port", "1234")).with(Map.of("admin.port", "-1"));
        assertEquals(1234, c.port());
        assertEquals(OptionalInt.empty(), c.adminPort());
    }

    @Test
    void zeroIdleTimeoutMeansNever() {
        assertEquals(Optional.empty(),
                BrokerConfig.fromMap(Map.of("connection.idle.timeout.ms", "0")).connectionIdleTimeout());
    }

    @Test
    void byteSizesAcceptBinarySuffixes() {
        BrokerConfig c = BrokerConfig.fromMap(Map.of("max.message.bytes", "512KiB", "max.batch.bytes", "4 MiB",
                "max.frame.bytes", "1g", "max.inflight.request.bytes", "3GiB"));
        assertEquals(512 << 10, c.maxMessageBytes());
        assertEquals(4 << 20, c.maxBatchBytes());
        assertEquals(1 << 30, c.maxFrameBytes());
        assertEquals(3L << 30, c.maxInflightRequestBytes());
    }

    @Test
    void zeroWriteTimeoutMeansNeverAndTheMemoryBudgetHasASaneDefault() {
        assertEquals(Optional.empty(),
                BrokerConfig.fromMap(Map.of("connection.write.timeout.ms", "0")).connectionWriteTimeout());
        BrokerConfig defaults = BrokerConfig.defaults();
        assertEquals(Optional.of(Duration.ofSeconds(30)), defaults.connectionWriteTimeout());
        assertEquals(128L << 20, defaults.maxInflightRequestBytes());
        assertTrue(defaults.maxInflightRequestBytes() >= defaults.maxFrameBytes());
    }

    @Test
    void asMapRoundTrips() {
        BrokerConfig c = BrokerConfig.fromMap(Map.of("port", "0", "durability", "wal", "max.batch.bytes", "3MiB"));
        assertEquals(c, BrokerConfig.fromMap(c.asMap()));
        assertEquals(ConfigKeys.ALL.size(), c.asMap().size());
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.load(Optional.of(missing), Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void unknownKeyIsRejectedWithASuggestion() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.fromMap(Map.of("prot", "1")));
        assertEquals(Optional.of("prot"), e.key());
        assertTrue(e.getMessage().contains("unknown setting 'prot'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'port'"), e.getMessage());
    }

    @Test
    void unknownKeyInAFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("strand.properties");
        Files.writeString(file, "completely.unrelated=1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains("'completely.unrelated'") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "port; 65536; integer from 0 to 65535",
            "port; -1; integer from 0 to 65535",
            "port; nine; expected an integer",
            "admin.port; -2; integer from -1 to 65535",
            "durability; sometimes; expected wal or fsync",
            "auto.create.topics; yes; expected true or false",
            "max.message.bytes; 0; bytes from 1",
            "max.message.bytes; 1TB; expected a byte count",
            "max.message.bytes; 99999999999999999999; too large",
            "max.batch.messages; 0; integer from 1",
            "max.frame.bytes; 2GiB; bytes from 4 KiB to 1 GiB",
            "max.connections; 0; integer from 1",
            "connection.idle.timeout.ms; -5; milliseconds from 0",
            "connection.idle.timeout.ms; 10s; whole number of milliseconds",
            "connection.write.timeout.ms; -1; milliseconds from 0",
            "max.inflight.request.bytes; 1KiB; bytes from 4 KiB to 64 GiB",
            "inflight.request.wait.ms; 3600000; milliseconds from 0 to 600000",
            "fetch.max.wait.ms; 3600000; milliseconds from 0 to 300000",
            "push.max.deliveries; 0; integer from 1",
            "push.timeout.ms; 0; milliseconds from 1",
            "bind.address; 'no spaces allowed'; host name or IP address",
            "data.dir; ''; expected a directory path",
    })
    void invalidValueIsRejectedNamingKeyValueAndWhatIsAllowed(String key, String value, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.fromMap(Map.of(key, value)));
        assertEquals(Optional.of(key), e.key());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value.trim() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
    }

    @Test
    void everyKeyRejectsGarbageNamingTheKey() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> BrokerConfig.fromMap(Map.of(key.name(), "bad\u0000value")), key.name());
            assertEquals(Optional.of(key.name()), e.key());
            assertTrue(e.getMessage().startsWith("invalid value 'bad\u0000value' for " + key.name() + ": "),
                    e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "max.message.bytes=2MiB max.batch.bytes=1MiB; max.message.bytes (2 MiB) must not exceed max.batch.bytes (1 MiB)",
            "max.batch.bytes=64MiB; max.frame.bytes (64 MiB) must be larger than max.batch.bytes (64 MiB)",
            "push.backoff.initial.ms=5000 push.backoff.max.ms=1000; push.backoff.initial.ms (5000) must not exceed push.backoff.max.ms (1000)",
            "storage.append.queue.bytes=8MiB; max.batch.bytes (16 MiB) must not exceed storage.append.queue.bytes (8 MiB)",
            "max.batch.messages=600000; max.batch.messages (600000) must not exceed storage.append.queue.records (500000)",
            "port=7000 admin.port=7000; admin.port and port are both 7000",
            "max.frame.bytes=256MiB; max.inflight.request.bytes (128 MiB) must be at least max.frame.bytes (256 MiB)",
    })
    void inconsistentCombinationsAreRejected(String settings, String message) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String pair : settings.split(" ")) {
            String[] kv = pair.split("=");
            map.put(kv[0], kv[1]);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.fromMap(map));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void everyKeyIsDottedLowercaseAndDurationsAndSizesSayTheirUnit() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(key.name().matches("[a-z]+(\\.[a-z]+)*"), key.name());
            Object def = key.defaultValue();
            if (def instanceof Duration) {
                assertTrue(key.name().endsWith(".ms"), key.name());
            }
            if (key.name().endsWith(".bytes")) {
                assertTrue(def instanceof Long, key.name());
            }
            assertFalse(key.doc().isBlank(), key.name());
        }
    }
}
