package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.broker.config.BrokerConfig;
import io.strand.broker.config.ConfigKeys;
import io.strand.broker.config.ConfigTable;
import io.strand.storage.Durability;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BrokerMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void namedFlagsWinOverSetWhichWinsOverTheFileWhichWinsOverDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("strand.properties");
        Files.writeString(file, "port=1000\nadmin.port=1001\ndurability=wal\nmax.batch.messages=7\n");
        BrokerConfig config = BrokerMain.configOf("--config", file.toString(), "--set", "port=2000",
                "--set", "max.message.bytes=2MiB", "--set", "admin.port=2001", "--port", "3000",
                "--data", dir.resolve("d").toString(), "--bind", "0.0.0.0");
        assertEquals(3000, config.port());
        assertEquals(OptionalInt.of(2001), config.adminPort());
        assertEquals(Durability.WAL, config.durability());
        assertEquals(7, config.maxBatchMessages());
        assertEquals(2 << 20, config.maxMessageBytes());
        assertEquals(dir.resolve("d"), config.dataDir());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(BrokerConfig.defaults().fetchMaxWait(), config.fetchMaxWait());
    }

    @Test
    void helpListsEveryFlag() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--config", "--data", "--port", "--admin-port", "--bind", "--durability",
                "--set", "--print-config-table", "--verbose", "--help", "--version"}) {
            assertTrue(out.toString().contains(flag), flag + " in\n" + out);
        }
    }

    @Test
    void printConfigTablePrintsTheGeneratedTable() {
        assertEquals(0, run("--print-config-table"));
        assertEquals(ConfigTable.markdown(), out.toString());
        assertTrue(out.toString().contains(ConfigKeys.MAX_FRAME_BYTES.name()));
    }

    @Test
    void anInvalidOrUnknownSettingIsOneLineAndExitCode2() {
        assertEquals(2, run("--set", "max.conections=5"));
        assertEquals("strand broker: unknown setting 'max.conections' (did you mean 'max.connections'?)",
                err.toString().strip());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertEquals(2, run("--prot", "1"));
        assertTrue(err.toString().contains("Unknown options: '--prot'"), err.toString());
    }

    @Test
    void aStartFailureIsOneLineAndExitCode1(@TempDir Path dir) throws IOException {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        assertEquals(1, run("--data", notADirectory.toString(), "--port", "0", "--admin-port", "-1"));
        String message = err.toString().strip();
        assertTrue(message.startsWith("strand broker: ") && message.contains(notADirectory.toString())
                && !message.contains("\tat "), message);
    }
}
