package io.strand.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The run's temporary directories, all under one {@code strand-bench-*} directory in
 * {@code java.io.tmpdir} (a real disk here: fsync must cost what it costs). {@link #close()} — or the
 * JVM's shutdown, if the run is interrupted — deletes all of it.
 */
final class ScratchDirs implements AutoCloseable {
    private final Path base;
    private final Thread hook;

    ScratchDirs() throws IOException {
        this.base = Files.createTempDirectory("strand-bench-");
        this.hook = new Thread(() -> deleteQuietly(base), "bench-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Path base() {
        return base;
    }

    Path newDir(String name) throws IOException {
        return Files.createTempDirectory(base, name + "-");
    }

    static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("# could not delete " + dir + ": " + e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfThere(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                deleteIfThere(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfThere(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException gone) {
            // deleted concurrently (a server still shutting down); nothing to do
        }
    }

    @Override
    public void close() {
        deleteQuietly(base);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
