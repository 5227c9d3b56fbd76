package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Command-line and settings checks that need no broker: bad input stops before anything starts. */
class ChaosMainTest {

    private static int run(StringWriter err, String... args) {
        return new CommandLine(new ChaosMain()).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void anUnknownDurabilityExitsWith2() {
        assertEquals(2, run(new StringWriter(), "--durability", "sometimes"));
    }

    @Test
    void anUnknownOptionExitsWith2() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--cylces", "3"));
    }

    @Test
    void settingsRefuseWhatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> ChaosSettings.builder("cp").cycles(0).build());
        assertThrows(IllegalArgumentException.class, () -> ChaosSettings.builder("cp")
                .upTime(Duration.ofSeconds(3), Duration.ofSeconds(2)).build());
        assertThrows(IllegalArgumentException.class, () -> ChaosSettings.builder(" ").build());
        assertThrows(IllegalArgumentException.class, () -> ChaosSettings.builder("cp").payloadBytes(10, 5).build());
    }

    @Test
    void theTopicsAreExactlyThoseThePatternCovers() {
        ChaosSettings s = ChaosSettings.builder("cp").topics(3).build();
        assertEquals(java.util.List.of("chaos.t0", "chaos.t1", "chaos.t2"), s.topicNames());
        assertEquals("chaos.*", ChaosSettings.topicPattern());
    }
}
