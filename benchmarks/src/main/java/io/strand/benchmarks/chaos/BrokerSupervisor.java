package io.strand.benchmarks.chaos;

import io.strand.broker.BrokerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Starts, kills and restarts the broker: always the same data directory, Thrift port and admin port,
 * so clients reconnect to the address they already have. Each life is a new {@link BrokerProcess}
 * whose output goes to {@code broker-<life>.log}.
 *
 * <p>Before each kill it scrapes the life's metrics, which are summed into {@link #metrics()}.
 * Used only from the run's thread.
 */
final class BrokerSupervisor implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 5;

    private final ChaosSettings settings;
    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int adminPort;
    private final PrintStream out;
    private BrokerProcess current;
    private int lives;
    private BrokerMetrics metrics = BrokerMetrics.NONE;
    private long missedScrapes;

    BrokerSupervisor(ChaosSettings settings, Path dataDir, Path logDir, int port, int adminPort, PrintStream out) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.port = port;
        this.adminPort = adminPort;
        this.out = out;
    }

    /**
     * Starts a new life and waits until it listens. A start that fails (say the port is briefly still
     * held) is retried a few times.
     *
     * @throws IOException when no attempt came up
     */
    void start() throws IOException, InterruptedException {
        if (current != null) {
            current.close();
            current = null;
        }
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            lives++;
            BrokerProcess p = BrokerProcess.start(command(), logDir.resolve("broker-" + lives + ".log"));
            try {
                p.awaitListening(port, START_TIMEOUT);
                current = p;
                return;
            } catch (IOException e) {
                p.close();
                last = e;
                out.println("# broker start " + attempt + " failed, retrying: "
                        + e.getMessage().lines().findFirst().orElse(""));
                Thread.sleep(1000);
            }
        }
        throw last;
    }

    private List<String> command() {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(settings.brokerJvmOptions());
        c.addAll(List.of("-cp", settings.brokerClassPath(), BrokerMain.class.getName(),
                "--data", dataDir.toString(), "--port", String.valueOf(port), "--admin-port", String.valueOf(adminPort),
                "--durability", settings.durability().name().toLowerCase(Locale.ROOT)));
        return c;
    }

    /** The running broker's PID. */
    long pid() {
        return current.pid();
    }

    boolean isAlive() {
        return current != null && current.isAlive();
    }

    /** Scrapes the current life's metrics (a failed scrape is counted, not fatal), then SIGKILLs it. */
    Duration kill() throws InterruptedException {
        scrapeCurrent();
        Duration up = current.uptime();
        int status = current.kill();
        if (status != 137) {
            out.println("# note: broker pid " + current.pid() + " exited with " + status
                    + " (expected 137 after SIGKILL)");
        }
        current = null;
        return up;
    }

    /** Scrapes the current life's metrics, then stops it with SIGTERM. Returns its exit status. */
    int stop() throws InterruptedException {
        scrapeCurrent();
        int status = current.stop(Duration.ofSeconds(60));
        current = null;
        return status;
    }

    private void scrapeCurrent() {
        Optional<BrokerMetrics> m = BrokerMetrics.scrape(adminPort);
        if (m.isPresent()) {
            metrics = metrics.plus(m.get());
        } else {
            missedScrapes++;
        }
    }

    String logTail() {
        return current == null ? "(no broker running)" : current.logTail(20);
    }

    int lives() {
        return lives;
    }

    /** The metrics of every life scraped so far, summed. */
    BrokerMetrics metrics() {
        return metrics;
    }

    long missedScrapes() {
        return missedScrapes;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
