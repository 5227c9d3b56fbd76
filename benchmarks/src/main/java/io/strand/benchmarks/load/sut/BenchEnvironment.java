package io.strand.benchmarks.load.sut;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every system adapter is given.
 *
 * @param projectRoot  the Strand checkout (where {@code broker-core/target/classpath.txt} and
 *                     {@code benchmarks/target} live)
 * @param notes        where to print {@code # ...} notes (installs, resolved class paths, server logs on failure)
 * @param scratchDir   the run's temporary directory (deleted at the end), for files an adapter keeps
 *                     for the whole run
 * @param startTimeout how long a server may take to start accepting connections
 */
public record BenchEnvironment(Path projectRoot, PrintStream notes, Path scratchDir, Duration startTimeout) {
    public BenchEnvironment {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(scratchDir, "scratchDir");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    public void note(String text) {
        notes.println("# " + text);
        notes.flush();
    }

    /** {@code benchmarks/target} of the checkout, where the tool caches resolved class paths. */
    public Path benchmarksTarget() {
        return projectRoot.resolve("benchmarks").resolve("target");
    }
}
