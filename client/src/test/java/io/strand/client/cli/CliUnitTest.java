package io.strand.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.client.StartPosition;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The CLI's pieces that need no broker: position syntax, JSON output, usage errors. */
class CliUnitTest {

    private final PositionConverter positions = new PositionConverter();

    @Test
    void readsEveryPositionForm() {
        assertEquals(StartPosition.earliest(), positions.convert("earliest"));
        assertEquals(StartPosition.latest(), positions.convert("LATEST"));
        assertEquals(StartPosition.offset(42), positions.convert("offset:42"));
        assertEquals(StartPosition.offset(7), positions.convert("7"));
        assertEquals(StartPosition.time(Instant.parse("2026-01-31T12:00:00Z")), positions.convert("time:2026-01-31T12:00:00Z"));
        assertEquals(StartPosition.time(Instant.parse("2026-01-31T11:00:00Z")),
                positions.convert("time:2026-01-31T12:00:00+01:00"));
        for (String bad : List.of("offset:-1", "offset:x", "time:yesterday", "soon", "")) {
            assertThrows(TypeConversionException.class, () -> positions.convert(bad), bad);
        }
    }

    @Test
    void jsonOutputEscapesAndParsesBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        value.put("n", 12L);
        value.put("x", 1.5);
        value.put("ok", true);
        value.put("none", null);
        value.put("list", List.of(1L, "two", Map.of("three", 3L)));
        assertEquals(value, JsonParser.parse(Json.write(value)));
    }

    @Test
    void usageErrorsExitWithTwo() {
        for (String[] args : List.of(new String[] {}, new String[] {"topics", "lst"}, new String[] {"publish"},
                new String[] {"subscribe", "orders"}, new String[] {"replay", "t", "--from", "soon"},
                new String[] {"info", "--broker", "host:port"}, new String[] {"publish", "t", "--rate", "5", "x"})) {
            StringWriter err = new StringWriter();
            int code = StrandCli.commandLine(new CliContext(new ByteArrayInputStream(new byte[0])))
                    .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute(args);
            assertEquals(ExitCodes.USAGE, code, Arrays.toString(args) + ": " + err);
        }
    }

    @Test
    void anUnreachableBrokerExitsWithThree() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        int code = StrandCli.commandLine(new CliContext(new ByteArrayInputStream(new byte[0])))
                .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("topics", "list", "--broker", "127.0.0.1:" + port);
        assertEquals(ExitCodes.UNREACHABLE, code, err.toString());
        assertEquals(true, err.toString().startsWith("error: cannot reach broker 127.0.0.1:" + port), err.toString());
    }
}
