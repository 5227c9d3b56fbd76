package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.client.Durability;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The crash-under-load proof, small: a broker process SIGKILLed three times under load in each
 * durability mode, restarted on the same data directory and port, with the same publishers and
 * subscribers reconnecting on their own. Fails on any lost, duplicated, reordered or gapped message, any
 * cursor moving back, any subscriber missing a message, any client that does not resume. The standalone
 * tool ({@code ./strand chaos}) runs the same with more cycles and load.
 */
@Timeout(value = 170)
class ChaosIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void quietClientLogs() {
        ChaosMain.quietClientLogs();
    }

    /** The test JVM's real class path (Failsafe may hand the JVM a manifest-only jar instead). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Durability.class)
    void aKilledBrokerLosesNothingAcknowledged(Durability mode) throws Exception {
        ChaosSettings settings = ChaosSettings.builder(classPath()).cycles(3).durability(mode).topics(3).publishers(3)
                .seed(20_261_204L + mode.ordinal()).ratePerPublisher(300)
                .upTime(Duration.ofMillis(700), Duration.ofMillis(1500)).maxDown(Duration.ofMillis(300))
                .reconnectTimeout(Duration.ofSeconds(20)).drainTimeout(Duration.ofSeconds(30))
                .workDir(dir.resolve(mode.name())).build();

        ChaosResult result = new ChaosRun(settings, System.out).run();
        ChaosMain.print(result, System.out);

        assertTrue(result.passed(), () -> result.summaryLine() + "\n" + result.detailLine() + "\n"
                + String.join("\n", result.examples()));
        assertEquals(3, result.cycles());
        assertTrue(result.acked() > 0, "something was acknowledged");
        assertEquals(result.acked(), result.ackDurability().get(mode), "every acknowledgement reports " + mode);
        assertTrue(result.stored() >= result.acked(), result.detailLine());
        if (mode == Durability.FSYNC) {
            assertTrue(result.metrics().syncs() > 0, result.syncLine());
        } else {
            assertTrue(result.metrics().syncs() < result.metrics().publishRequests(), result.syncLine());
        }
    }
}
