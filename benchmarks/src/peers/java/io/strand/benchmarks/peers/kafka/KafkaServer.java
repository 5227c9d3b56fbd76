package io.strand.benchmarks.peers.kafka;

import io.strand.benchmarks.load.sut.BenchEnvironment;
import io.strand.benchmarks.load.sut.Command;
import io.strand.benchmarks.load.sut.LoopbackPorts;
import io.strand.benchmarks.load.sut.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * Launches {@code kafka.Kafka server.properties} as its own JVM: combined broker+controller (KRaft), one
 * node, listeners on 127.0.0.1 only, data in {@code workDir/data}. The storage is formatted with
 * {@code kafka.tools.StorageTool format} the first time. JVM options are those of Kafka's own
 * {@code kafka-server-start.sh} ({@code -Xmx1G -Xms1G}, G1 with a 20 ms pause goal).
 *
 * <p>The class path is Kafka's own dependency tree, resolved by {@code benchmarks/peers/kafka-server/pom.xml}
 * once and cached in {@code benchmarks/target/kafka-server-classpath.txt}.
 */
final class KafkaServer {
    private static final List<String> JVM_OPTS = List.of("-Xmx1G", "-Xms1G", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final BenchEnvironment env;

    KafkaServer(BenchEnvironment env) {
        this.env = env;
    }

    /** The ports of a server: written into its config on first start and reused on restart. */
    record Ports(int client, int controller) {
    }

    /** Starts the broker under {@code workDir}, formatting storage on first use; returns once it listens. */
    ServerProcess start(Path workDir, Ports ports) throws Exception {
        String classPath = classPath();
        Path config = workDir.resolve("server.properties");
        Path data = workDir.resolve("data");
        if (!Files.exists(config)) {
            Files.writeString(config, properties(data, ports), StandardCharsets.UTF_8);
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            Command.check(List.of(java(), "-cp", classPath, "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()), workDir, Duration.ofMinutes(2), Map.of());
        }
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JVM_OPTS);
        command.addAll(List.of("-cp", classPath, "kafka.Kafka", config.toString()));
        ServerProcess server = ServerProcess.start("kafka", command, workDir, workDir.resolve("kafka.log"), Map.of());
        LoopbackPorts.awaitListening(ports.client(), server, env.startTimeout());
        return server;
    }

    static String properties(Path data, Ports ports) {
        String host = "127.0.0.1";
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + ports.controller(),
                "listeners=PLAINTEXT://" + host + ":" + ports.client() + ",CONTROLLER://" + host + ":" + ports.controller(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + ports.client(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private String classPath() throws IOException, InterruptedException {
        Path cached = env.benchmarksTarget().resolve("kafka-server-classpath.txt");
        Path pom = env.projectRoot().resolve("benchmarks/peers/kafka-server/pom.xml");
        if (!Files.isRegularFile(cached) || Files.getLastModifiedTime(pom).compareTo(Files.getLastModifiedTime(cached)) > 0) {
            env.note("resolving the Kafka broker's class path with Maven (first use downloads it)");
            Files.createDirectories(cached.getParent());
            Command.check(List.of("mvn", "-q", "-B", "-f", pom.toString(), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + cached), env.projectRoot(), Duration.ofMinutes(20), Map.of());
        }
        String cp = Files.readString(cached, StandardCharsets.UTF_8).trim();
        if (cp.isEmpty() || !cp.contains("kafka_2.13")) {
            throw new IOException("no Kafka jars in " + cached + "; delete it and retry");
        }
        return cp.replace(":", File.pathSeparator);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
