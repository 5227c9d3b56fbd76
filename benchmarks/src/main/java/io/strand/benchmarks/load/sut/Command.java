package io.strand.benchmarks.load.sut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A helper command run to completion (mvn, apt-get, Kafka's storage format), bounded in time: one
 * that overruns is killed (its own process only) and reported as failed.
 *
 * @param exitCode the exit code, or -1 when it timed out
 * @param output   what it printed (stdout and stderr merged)
 */
public record Command(int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    public static Command run(List<String> command, Path workDir, Duration timeout, Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("strand-bench-cmd", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return new Command(done ? process.exitValue() : -1, text);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs the command and throws, with its output, unless it exits 0. */
    public static String check(List<String> command, Path workDir, Duration timeout, Map<String, String> env)
            throws IOException, InterruptedException {
        Command result = run(command, workDir, timeout, env);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed ("
                    + (result.exitCode < 0 ? "timed out after " + timeout : "exit " + result.exitCode) + "):\n"
                    + tail(result.output, 40));
        }
        return result.output;
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }
}
