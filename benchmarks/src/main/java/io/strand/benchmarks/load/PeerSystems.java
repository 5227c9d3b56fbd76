package io.strand.benchmarks.load;

import io.strand.benchmarks.load.sut.BenchEnvironment;
import io.strand.benchmarks.load.sut.Command;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the opt-in peer adapters (Kafka, Redis). They live in {@code benchmarks/src/peers/java}, are
 * compiled only by the {@code peers} Maven profile into {@code target/peers-classes}, and run in a child
 * class loader over those classes and the jars in {@code target/peers-classpath.txt} — so the normal
 * build and the launcher's class path never see Kafka or Jedis. On first use (or when a peers source
 * is newer than the compiled classes) this runs the profile's build.
 *
 * <p>The child loader becomes the context class loader of the calling thread (and so of every thread
 * it starts), because Kafka's client loads its default classes by name through it.
 */
final class PeerSystems implements AutoCloseable {
    private static final Map<String, String> ADAPTERS = Map.of(
            "kafka", "io.strand.benchmarks.peers.kafka.KafkaSystem",
            "redis", "io.strand.benchmarks.peers.redis.RedisSystem");

    private final URLClassLoader loader;
    private final List<SystemUnderTest> systems;

    private PeerSystems(URLClassLoader loader, List<SystemUnderTest> systems) {
        this.loader = loader;
        this.systems = systems;
    }

    static List<String> known() {
        return List.of("kafka", "redis");
    }

    static PeerSystems load(List<String> names, BenchEnvironment env) throws Exception {
        for (String name : names) {
            if (!ADAPTERS.containsKey(name)) {
                throw new IllegalArgumentException("unknown peer '" + name + "': expected one of " + known());
            }
        }
        Path target = env.benchmarksTarget();
        Path classes = target.resolve("peers-classes");
        Path classpath = target.resolve("peers-classpath.txt");
        if (stale(env.projectRoot(), classes, classpath)) {
            env.note("building the peer adapters (mvn -Ppeers; the first time downloads Kafka's and Jedis' clients)");
            Command.check(List.of("mvn", "-q", "-B", "-Ppeers", "-pl", "benchmarks", "-am", "package",
                    "-DskipTests"), env.projectRoot(), Duration.ofMinutes(20), Map.of());
            Files.setLastModifiedTime(classpath, FileTime.fromMillis(System.currentTimeMillis()));
        }
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (String jar : Files.readString(classpath, StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
            if (!jar.isBlank()) {
                urls.add(Path.of(jar).toUri().toURL());
            }
        }
        URLClassLoader loader = new URLClassLoader("strand-bench-peers", urls.toArray(new URL[0]),
                PeerSystems.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        List<SystemUnderTest> systems = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(ADAPTERS.get(name), true, loader);
            systems.add((SystemUnderTest) type.getConstructor(BenchEnvironment.class).newInstance(env));
        }
        return new PeerSystems(loader, systems);
    }

    List<SystemUnderTest> systems() {
        return systems;
    }

    private static boolean stale(Path root, Path classes, Path classpath) throws IOException {
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(classpath);
        Path sources = root.resolve("benchmarks").resolve("src").resolve("peers");
        if (Files.getLastModifiedTime(root.resolve("benchmarks").resolve("pom.xml")).compareTo(built) > 0) {
            return true;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(built) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        for (SystemUnderTest system : systems) {
            system.close();
        }
        loader.close();
    }
}
