package io.strand.benchmarks.chaos;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.strand.client.Durability;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./strand chaos}: the crash-under-load proof. Runs a broker as a child process under load from
 * idempotent publishers, two pull subscriptions and a push subscription, SIGKILLs it at seeded-random
 * moments, restarts it on the same data directory and port, and checks after every cycle and at the end
 * that nothing acknowledged was lost, duplicated, reordered or left with a gap, and that cursors never
 * went back. See docs/durability.md.
 *
 * <p>Exit codes: 0 no violation; 1 violations (listed); 2 bad command line; 3 the run could not be
 * carried out (the broker would not start, ...).
 */
@Command(name = "strand chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kills a Strand broker (SIGKILL) under load and restarts it, N times.",
                "Verifies that no acknowledged message is lost, duplicated, reordered or",
                "gapped, that every subscriber sees every message, and that committed",
                "cursors never go back. Prints a line per cycle and a summary; exits 1",
                "on any violation. See docs/durability.md."})
public final class ChaosMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "20",
            description = "kill cycles (default ${DEFAULT-VALUE})")
    int cycles;

    @Option(names = "--durability", paramLabel = "fsync|wal", defaultValue = "fsync",
            description = "the broker's durability mode (default ${DEFAULT-VALUE})")
    String durability;

    @Option(names = "--topics", paramLabel = "T", defaultValue = "4", description = "topics (default ${DEFAULT-VALUE})")
    int topics;

    @Option(names = "--publishers", paramLabel = "P", defaultValue = "4",
            description = "idempotent publishers (default ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--no-idempotence", description = "publish without producer ids, so retries after a lost "
            + "acknowledgement store duplicates: a self-test showing the checks catch them (expect exit 1)")
    boolean noIdempotence;

    @Option(names = "--seed", paramLabel = "S", description = "seed of topic choice, payloads and kill timing "
            + "(default: from the clock; printed)")
    Long seed;

    @Option(names = "--rate", paramLabel = "MSG/S", defaultValue = "1000",
            description = "messages per second per publisher (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--min-up-ms", paramLabel = "MS", defaultValue = "1000",
            description = "shortest wait under load before a kill, counted once the clients resumed and the "
                    + "log was audited (default ${DEFAULT-VALUE})")
    long minUpMs;

    @Option(names = "--max-up-ms", paramLabel = "MS", defaultValue = "4000",
            description = "longest such wait; each is seeded-random in between (default ${DEFAULT-VALUE})")
    long maxUpMs;

    @Option(names = "--max-down-ms", paramLabel = "MS", defaultValue = "500",
            description = "longest time dead before the restart (default ${DEFAULT-VALUE})")
    long maxDownMs;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "data and broker logs (default: a temporary directory)")
    Path workDir;

    @Option(names = "--keep",
            description = "keep the work directory after a clean run (it is always kept after a failed one)")
    boolean keep;

    @Option(names = "--broker-classpath", paramLabel = "CP",
            description = "class path of the broker JVM (default: this tool's own class path)")
    String brokerClassPath;

    @Option(names = "--broker-heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "-Xmx of the broker JVM (default ${DEFAULT-VALUE})")
    String brokerHeap;

    public static void main(String[] args) {
        quietClientLogs();
        System.exit(new CommandLine(new ChaosMain()).execute(args));
    }

    /**
     * The run reports what matters itself, so only client warnings get through — except libthrift's: the
     * push receiver's server logs a stack trace each time the broker's connection to it dies, which in
     * this run is by design.
     */
    static void quietClientLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
        if (LoggerFactory.getLogger("org.apache.thrift") instanceof Logger thrift) {
            thrift.setLevel(Level.ERROR);
        }
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ChaosSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("strand chaos: " + e.getMessage());
            return 2;
        }
        ChaosResult result;
        try {
            result = new ChaosRun(settings, out).run();
        } catch (Exception e) {
            spec.commandLine().getErr().println("strand chaos: the run could not be carried out: " + e);
            return 3;
        }
        print(result, out);
        return result.passed() ? 0 : 1;
    }

    static void print(ChaosResult result, PrintStream out) {
        out.println(result.summaryLine());
        out.println("# " + result.detailLine());
        out.println("# broker metrics over all lives: " + result.syncLine());
        if (!result.passed()) {
            out.println("# VIOLATIONS (first " + Violations.EXAMPLES + "):");
            result.examples().forEach(e -> out.println("#   " + e));
        }
    }

    private ChaosSettings settings() {
        Durability mode = switch (durability.toLowerCase(java.util.Locale.ROOT)) {
            case "fsync" -> Durability.FSYNC;
            case "wal" -> Durability.WAL;
            default -> throw new IllegalArgumentException("--durability must be fsync or wal, got " + durability);
        };
        String classPath = brokerClassPath != null ? brokerClassPath : System.getProperty("java.class.path");
        return ChaosSettings.builder(classPath).cycles(cycles).durability(mode).topics(topics).publishers(publishers)
                .idempotent(!noIdempotence).seed(seed != null ? seed : System.currentTimeMillis())
                .ratePerPublisher(rate)
                .upTime(Duration.ofMillis(minUpMs), Duration.ofMillis(maxUpMs)).maxDown(Duration.ofMillis(maxDownMs))
                .workDir(workDir).keepData(keep).brokerJvmOptions(java.util.List.of("-Xmx" + brokerHeap)).build();
    }
}
