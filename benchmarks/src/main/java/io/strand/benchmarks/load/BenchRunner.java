package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.report.ResultLine;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import io.strand.benchmarks.load.sut.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the chosen workloads on each system, session by session ({@link SessionPlan}), printing each
 * result line as soon as it is known. A workload that fails becomes a failed result (with why) and
 * the run goes on; a server that does not start fails its session's workloads.
 */
final class BenchRunner {
    private final BenchSettings settings;
    private final PrintStream out;
    private final ScratchDirs scratch;
    private final Path logDir;

    /** @param logDir where each session's server logs are kept (the work directories are deleted) */
    BenchRunner(BenchSettings settings, PrintStream out, ScratchDirs scratch, Path logDir) {
        this.settings = settings;
        this.out = out;
        this.scratch = scratch;
        this.logDir = logDir;
    }

    /**
     * Runs every system's sessions {@code repeat} times. Within a round the sessions are interleaved by
     * workload — every system's W1 session, then every W2 session, ... — so the numbers a ratio compares
     * are measured minutes apart rather than a whole system's run apart (the machine's load drifts).
     */
    List<Result> run(List<SystemUnderTest> systems, Set<Workload> workloads, int repeat) {
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= repeat; round++) {
            if (repeat > 1) {
                note("round " + round + " of " + repeat);
            }
            for (Planned planned : interleaved(systems, workloads)) {
                for (Result r : runSession(planned.system(), planned.plan())) {
                    results.add(repeat > 1 ? r.withExtra("run", round) : r);
                }
            }
        }
        return results;
    }

    private record Planned(SystemUnderTest system, SessionPlan plan) {
    }

    static List<Planned> interleaved(List<SystemUnderTest> systems, Set<Workload> workloads) {
        List<Planned> all = new ArrayList<>();
        for (SystemUnderTest system : systems) {
            for (SessionPlan plan : SessionPlan.of(system, workloads)) {
                all.add(new Planned(system, plan));
            }
        }
        all.sort(Comparator.comparing(p -> p.plan().workloads().get(0))); // stable: system order kept
        return all;
    }

    private List<Result> runSession(SystemUnderTest system, SessionPlan session) {
        List<Result> results = new ArrayList<>();
        Path workDir = null;
        try {
            workDir = scratch.newDir(system.name() + "-" + session.mode().name());
            note("starting " + system.name() + " (" + session.mode().description() + ") for " + session.workloads());
            system.start(session.mode(), workDir);
        } catch (Exception e) {
            for (Workload w : session.workloads()) {
                results.add(report(Result.failed(system.name(), w, session.mode(), "server did not start: " + e)));
            }
            stopQuietly(system);
            if (workDir != null) {
                keepLogs(workDir);
                ScratchDirs.deleteQuietly(workDir);
            }
            return results;
        }
        WorkloadContext ctx = new WorkloadContext(system, session.mode(), workDir, settings, out);
        try {
            if (session.workloads().stream().noneMatch(Workload::isolated)) {
                warmUp(ctx);
            }
            for (Workload w : session.workloads()) {
                results.add(report(runOne(ctx, w)));
            }
        } finally {
            stopQuietly(system);
            keepLogs(workDir);
            ScratchDirs.deleteQuietly(workDir);
        }
        return results;
    }

    /** Copies the server's {@code *.log} files of a session to {@code logDir/<session dir>-<file>}. */
    private void keepLogs(Path workDir) {
        try (Stream<Path> files = Files.list(workDir)) {
            Files.createDirectories(logDir);
            for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, logDir.resolve(workDir.getFileName() + "-" + log.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            note("could not keep the server logs of " + workDir + ": " + e);
        }
    }

    private Result runOne(WorkloadContext ctx, Workload w) {
        note(w + " " + w.title() + " on " + ctx.system.name() + " " + ctx.mode.name());
        try {
            return switch (w) {
                case W1 -> PublishThroughput.run(ctx, w, settings.w1Messages());
                case W2 -> PublishThroughput.run(ctx, w, settings.w2Messages());
                case W3 -> FixedRateLatency.run(ctx, w, settings.w3Rate(), settings.w3Duration(), 1);
                case W4 -> Replay.run(ctx);
                case W5 -> FixedRateLatency.run(ctx, w, settings.w5Rate(), settings.w5Duration(),
                        settings.w5Subscriptions());
                case W6 -> ManyTopics.run(ctx);
                case W7 -> Restart.run(ctx);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(ctx.system.name(), w, ctx.mode, "interrupted");
        } catch (Exception | Error e) {
            e.printStackTrace(out);
            return Result.failed(ctx.system.name(), w, ctx.mode, String.valueOf(e));
        }
    }

    /**
     * Before a shared session's first measurement: publish and replay {@code warmupMessages} on a topic of
     * its own, unmeasured, so that W1 does not pay for the JIT compiling the server (and the client) while
     * later workloads do not — the same for every system. Isolated sessions (W6, W7) are not warmed:
     * W6's size on disk must be its own data, and W7 stores millions of messages before it measures.
     */
    private void warmUp(WorkloadContext ctx) {
        long n = settings.warmupMessages();
        if (n == 0) {
            return;
        }
        try {
            String topic = "warmup-" + ctx.mode.name();
            ctx.system.createTopics(List.of(topic), ctx.mode);
            double seconds = PublishThroughput.publish(ctx, Workload.W1, topic, n);
            ctx.system.replay(List.of(topic), n, p -> { }, settings.workloadTimeout());
            note(String.format(Locale.ROOT, "warm-up: %,d messages published (%.1f s) and replayed, not measured",
                    n, seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            note("warm-up failed (the workloads will show why if it matters): " + e);
        }
    }

    private Result report(Result r) {
        out.println(ResultLine.format(r));
        out.flush();
        return r;
    }

    private void stopQuietly(SystemUnderTest system) {
        try {
            system.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            note("stopping " + system.name() + " failed: " + e);
        }
    }

    private void note(String text) {
        out.println("# " + text);
        out.flush();
    }
}
