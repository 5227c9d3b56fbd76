package io.strand.benchmarks.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One life of the broker: a {@code BrokerMain} JVM this run started, its output appended to a log file.
 *
 * <p>Only this process is ever signalled, by its own {@link Process} handle (so by its PID):
 * {@link #kill()} is SIGKILL ({@link Process#destroyForcibly()}), {@link #stop} is SIGTERM first. Every
 * live instance is also registered with one JVM shutdown hook, so an interrupted run (Ctrl-C) leaves no
 * broker behind.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "chaos-broker-reaper"));
    }

    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private BrokerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static BrokerProcess start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LIVE.add(p);
        return new BrokerProcess(p, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Polls until the broker accepts TCP connections on {@code port} (it opens the port only after its
     * store is recovered). Fails at once if the process exits, and after {@code timeout}.
     */
    void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("broker pid " + pid() + " exited with " + process.exitValue()
                        + " before listening on port " + port + "; its log ends:\n" + logTail(20));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("broker pid " + pid() + " did not listen on port " + port + " within "
                            + timeout.toSeconds() + " s; its log ends:\n" + logTail(20), notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    /** SIGKILL, then waits for the process to be gone. Returns its exit status (137 after SIGKILL). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker pid " + pid() + " still runs 30 s after SIGKILL");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /** SIGTERM, up to {@code grace} for a clean exit, then SIGKILL. Returns the exit status. */
    int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LIVE.remove(process);
            return process.exitValue();
        }
        return kill();
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
    }
}
