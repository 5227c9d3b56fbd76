package io.strand.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigTableTest {

    @Test
    void tableHasARowPerKeyWithDefaultAndDoc() {
        String table = ConfigTable.markdown();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(table.contains("| `" + key.name() + "` | `"), key.name());
        }
        assertTrue(table.contains("| `max.message.bytes` | `1 MiB` |"), table);
        assertTrue(table.contains("| `durability` | `fsync` |"), table);
    }

    /** docs/configuration.md is generated; it must be regenerated whenever a setting changes. */
    @Test
    void committedConfigurationPageIsCurrent() throws IOException {
        Path page = Path.of("..", "docs", "configuration.md");
        assertTrue(Files.exists(page), "missing " + page.toAbsolutePath());
        assertEquals(ConfigTable.markdown(), Files.readString(page),
                "docs/configuration.md is stale: run ./strand broker --print-config-table > docs/configuration.md");
    }
}
