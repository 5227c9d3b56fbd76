package io.strand.benchmarks.peers.kafka;

import io.strand.benchmarks.load.sut.BenchEnvironment;
import io.strand.benchmarks.load.sut.LoopbackPorts;
import io.strand.benchmarks.load.sut.MessageSink;
import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.benchmarks.load.sut.ServerProcess;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import io.strand.benchmarks.load.sut.Tail;
import io.strand.benchmarks.load.sut.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;

/**
 * Kafka 4.4.0, single-node KRaft, in its own JVM ({@link KafkaServer}).
 *
 * <p>Modes: {@code default} — producer {@code acks=all}, Kafka's default durability: the log is in the
 * page cache, never fsynced on the produce path; W2 {@code flush-each} — the topic config
 * {@code flush.messages=1}, so the log is fsynced after every appended produce batch before the ack
 * (Kafka's strictest setting; its batches are large, so it is one fsync per batch, not per message).
 */
public final class KafkaSystem implements SystemUnderTest {
    static final Mode DEFAULT = new Mode("default", "none", "acks=all, page cache, no fsync (Kafka's default)");
    static final Mode FLUSH_EACH = new Mode("flush-each", "per-ack",
            "acks=all + topic flush.messages=1: fsync per produce batch before ack");

    private final BenchEnvironment env;
    private final KafkaServer launcher;
    private ServerProcess server;
    private KafkaServer.Ports ports;
    private Path workDir;
    private Admin admin;

    public KafkaSystem(BenchEnvironment env) {
        this.env = env;
        this.launcher = new KafkaServer(env);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<Mode> modes(Workload workload) {
        return List.of(workload == Workload.W2 ? FLUSH_EACH : DEFAULT);
    }

    @Override
    public void start(Mode mode, Path workDir) throws Exception {
        if (!workDir.equals(this.workDir)) {
            this.workDir = workDir;
            this.ports = new KafkaServer.Ports(LoopbackPorts.free(), LoopbackPorts.free());
        }
        server = launcher.start(workDir, ports);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin = Admin.create(props);
        awaitBroker();
    }

    /** The port listens before the broker has registered with its controller; wait until it has. */
    private void awaitBroker() throws Exception {
        long deadline = System.nanoTime() + env.startTimeout().toNanos();
        while (true) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | TimeoutException notYet) {
                // retry below
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Kafka did not register within " + env.startTimeout() + ":\n"
                        + server.logTail(30));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + ports.client();
    }

    @Override
    public void stop() throws InterruptedException {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (server != null) {
            int exit = server.stop(Duration.ofSeconds(60));
            if (exit != 0 && exit != 143) {
                env.note("kafka exited with " + exit + "; its log ends:\n" + server.logTail(20));
            }
            server = null;
        }
    }

    @Override
    public Path dataDir() {
        return workDir.resolve("data");
    }

    @Override
    public void createTopics(List<String> topics, Mode mode) throws Exception {
        Map<String, String> config = mode.equals(FLUSH_EACH) ? Map.of("flush.messages", "1") : Map.of();
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, 1, (short) 1).configs(config));
        }
        admin.createTopics(newTopics).all().get(5, TimeUnit.MINUTES);
        awaitLeaders(topics);
    }

    /**
     * createTopics completes when the controller has committed the topics; the broker serves them a
     * little later. Until every partition shows a leader the producer gets NOT_LEADER_OR_FOLLOWER and
     * backs off, which would charge Kafka for a start-up race rather than for its publish path.
     */
    private void awaitLeaders(List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(topics).allTopicNames().get(1, TimeUnit.MINUTES).values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (java.util.concurrent.ExecutionException notYet) {
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Kafka topics got no leader within 5 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public PublishClient publisher(PublishProfile profile) {
        return new KafkaPublishClient(bootstrap(), profile);
    }

    @Override
    public Tail tail(String topic, String subscription, MessageSink sink) throws Exception {
        return KafkaTail.start(bootstrap(), topic, subscription, sink);
    }

    @Override
    public long replay(List<String> topics, long perTopic, MessageSink sink, Duration timeout) throws Exception {
        return KafkaReplay.replay(bootstrap(), topics, perTopic, sink, timeout);
    }

    @Override
    public boolean fetchFirst(String topic) {
        try {
            return KafkaReplay.fetchFirst(bootstrap(), topic);
        } catch (KafkaException | IllegalStateException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
