package io.strand.benchmarks.peers.redis;

import io.strand.benchmarks.load.sut.BenchEnvironment;
import io.strand.benchmarks.load.sut.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds {@code redis-server}, installing Debian's package when it is missing and the tool runs as root
 * ({@code RUNLEVEL=1} keeps the package's own service from being started; the tool starts its own).
 * Otherwise it says how to install it.
 */
final class RedisInstaller {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/redis-server"),
            Path.of("/usr/local/bin/redis-server"), Path.of("/usr/sbin/redis-server"));
    private static final Map<String, String> APT_ENV = Map.of("DEBIAN_FRONTEND", "noninteractive", "RUNLEVEL", "1");

    private RedisInstaller() {
    }

    static Path ensure(BenchEnvironment env) throws IOException, InterruptedException {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IOException("redis-server is not installed; install Debian's package with "
                    + "`sudo apt-get install -y redis-server` (Redis 7) and run again");
        }
        env.note("redis-server not found: installing Debian's redis-server with apt-get");
        Path root = env.projectRoot();
        Command first = Command.run(List.of("apt-get", "install", "-y", "-q", "redis-server"), root,
                Duration.ofMinutes(10), APT_ENV);
        if (!first.succeeded()) {
            Command.check(List.of("apt-get", "update", "-q"), root, Duration.ofMinutes(10), APT_ENV);
            Command.check(List.of("apt-get", "install", "-y", "-q", "redis-server"), root, Duration.ofMinutes(10),
                    APT_ENV);
        }
        return find().orElseThrow(() -> new IOException("apt-get installed redis-server but it is not in "
                + CANDIDATES));
    }

    private static Optional<Path> find() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** {@code redis-server --version}'s "v=7.0.15" part, for the notes. */
    static String version(Path binary) {
        try {
            String out = Command.run(List.of(binary.toString(), "--version"), Path.of("/"), Duration.ofSeconds(10),
                    Map.of()).output();
            int v = out.indexOf("v=");
            return v < 0 ? out.trim() : out.substring(v + 2).split("\\s+")[0];
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
