package io.strand.benchmarks.load.sut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server process the tool started, its stdout and stderr going to one log file.
 *
 * <p>Only this handle's own process is ever signalled (by its PID, through {@link Process}): {@link #stop}
 * sends SIGTERM, waits, then SIGKILL. Every live instance is also registered with one JVM shutdown
 * hook, so an interrupted benchmark (Ctrl-C) does not leave servers behind.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Thread HOOK = new Thread(ServerProcess::killAllLive, "bench-process-reaper");

    static {
        Runtime.getRuntime().addShutdownHook(HOOK);
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code workDir}, appending its output to {@code logFile}. */
    public static ServerProcess start(String name, List<String> command, Path workDir, Path logFile,
                                      Map<String, String> env) throws IOException {
        Objects.requireNonNull(command, "command");
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(name, builder.start(), logFile);
        LIVE.add(server);
        return server;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * SIGTERM, then up to {@code grace} for a clean exit, then SIGKILL. Returns the exit code, or -1
     * if it had to be killed.
     */
    public int stop(Duration grace) throws InterruptedException {
        try {
            if (!process.isAlive()) {
                return process.exitValue();
            }
            process.destroy();
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        } finally {
            if (!process.isAlive()) {
                LIVE.remove(this);
            }
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the process at once if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(this);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private static void killAllLive() {
        for (ServerProcess server : new ArrayList<>(LIVE)) {
            server.process.destroyForcibly();
        }
    }
}
