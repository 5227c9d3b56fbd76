package io.strand.benchmarks.load;

import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import io.strand.benchmarks.load.sut.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a workload runs against: a started server of {@code system} in {@code mode}, its work
 * directory, the run's sizes and where to print progress. {@link #replayable} carries W1's topic to W4
 * within one session; it is only touched by the runner's thread.
 */
final class WorkloadContext {
    final SystemUnderTest system;
    final Mode mode;
    final Path workDir;
    final BenchSettings settings;
    final PrintStream out;
    private String replayTopic;
    private long replayCount;

    WorkloadContext(SystemUnderTest system, Mode mode, Path workDir, BenchSettings settings, PrintStream out) {
        this.system = system;
        this.mode = mode;
        this.workDir = workDir;
        this.settings = settings;
        this.out = out;
    }

    Progress progress(Workload w, long total) {
        return new Progress(out, w + " " + system.name() + " " + mode.name(), total);
    }

    /** A topic name unique within the session, e.g. {@code w3-fsync}. */
    String topic(Workload w) {
        return w.name().toLowerCase(Locale.ROOT) + "-" + mode.name().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    long deadline() {
        return System.nanoTime() + settings.workloadTimeout().toNanos();
    }

    void replayable(String topic, long count) {
        this.replayTopic = topic;
        this.replayCount = count;
    }

    /** The topic W1 filled in this session, if it has run, with how many messages it holds. */
    Optional<String> replayTopic() {
        return Optional.ofNullable(replayTopic);
    }

    long replayCount() {
        return replayCount;
    }
}
