package io.strand.benchmarks.load;

import io.strand.benchmarks.load.sut.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bytes a directory occupies on disk: allocated blocks as {@code du} counts them, not apparent sizes,
 * because Kafka preallocates sparse 10 MB index files per partition that hold almost nothing.
 */
final class DiskUsage {
    private DiskUsage() {
    }

    static long bytes(Path dir) throws IOException, InterruptedException {
        Command du = Command.run(List.of("du", "-s", "-B1", dir.toString()), dir, Duration.ofMinutes(1), Map.of());
        if (du.succeeded()) {
            return Long.parseLong(du.output().trim().split("\\s+")[0]);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
