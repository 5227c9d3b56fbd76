package io.strand.broker;

import io.strand.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts brokers for tests: ephemeral ports on 127.0.0.1, the given data directory. */
final class TestBrokers {

    private TestBrokers() {
    }

    static Broker start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    static Broker start(Path dataDir, Map<String, String> extra) {
        return Broker.start(config(dataDir, extra));
    }

    static BrokerConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("data.dir", dataDir.toString(), "port", "0",
                "admin.port", "0", "durability", "wal"));
        settings.putAll(extra);
        return BrokerConfig.fromMap(settings);
    }
}
