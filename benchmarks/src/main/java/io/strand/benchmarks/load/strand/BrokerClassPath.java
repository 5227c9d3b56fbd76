package io.strand.benchmarks.load.strand;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The broker's class path, frozen for the run: broker-core's classes and every class path entry inside
 * the checkout (the sibling modules' jars) are copied into the run's scratch directory once, and the
 * broker runs from the copies. Other engineers rebuild those target/ directories while a benchmark runs
 * (a broker that loads a class lazily from a directory being recompiled fails with
 * {@code ClassNotFoundException}); jars in the Maven repository are used where they are.
 */
final class BrokerClassPath {
    private BrokerClassPath() {
    }

    static String snapshot(Path projectRoot, Path into) throws IOException {
        Path target = projectRoot.resolve("broker-core").resolve("target");
        Path cpFile = target.resolve("classpath.txt");
        if (!Files.isRegularFile(cpFile) || !Files.isDirectory(target.resolve("classes"))) {
            throw new IOException("broker-core is not built (" + cpFile + " missing): run the tool through "
                    + "./strand bench, or mvn -pl broker-core -am package -DskipTests");
        }
        Files.createDirectories(into);
        List<String> entries = new ArrayList<>();
        entries.add(copy(target.resolve("classes"), into.resolve("broker-core-classes")).toString());
        int n = 0;
        for (String entry : Files.readString(cpFile, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.toAbsolutePath().startsWith(projectRoot.toAbsolutePath())) {
                entries.add(copy(p, into.resolve((n++) + "-" + p.getFileName())).toString());
            } else if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path dest = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }
}
