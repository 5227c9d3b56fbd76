package io.strand.benchmarks.load;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Strand checkout the tool runs from: benchmarks/target/classes → the directory above. */
final class ProjectRoot {
    private ProjectRoot() {
    }

    static Path find() {
        try {
            Path classes = Path.of(ProjectRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = classes; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("broker-core"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("broker-core"))) {
            return cwd;
        }
        throw new IllegalStateException("cannot find the Strand checkout; pass --project-root DIR");
    }
}
