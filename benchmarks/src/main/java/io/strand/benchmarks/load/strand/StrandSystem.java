package io.strand.benchmarks.load.strand;

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
import io.strand.client.Admin;
import io.strand.client.ClientOptions;
import io.strand.client.ReceivedMessage;
import io.strand.client.Strand;
import io.strand.client.TopicRead;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A Strand broker in its own JVM:
 * {@code java -Xmx1g -cp <broker-core/target/classes + classpath.txt, snapshotted> io.strand.broker.BrokerMain
 * --data DIR --port P --admin-port -1 --durability fsync|wal}, on a free loopback port.
 *
 * <p>Modes: {@code fsync} (the broker's default: the WAL is fsynced once per group commit before the
 * ack) for every workload; W1 also in {@code wal} (acked once in the WAL in the page cache), as the
 * issue asks, and W3 and W5 too: a subscriber sees a message only once it is durable, so in {@code
 * fsync} mode every latency includes an fsync, which Redis with {@code everysec} (and Kafka by
 * default) never waits for — the {@code wal} rows are the like-for-like comparison of the pipeline.
 * Extra JVM options for the broker come from {@code STRAND_BENCH_BROKER_JAVA_OPTS} (default {@code -Xmx1g}).
 */
public final class StrandSystem implements SystemUnderTest {
    static final Mode FSYNC = new Mode("fsync", "per-ack", "fsync before ack (group commit), Strand's default");
    static final Mode WAL = new Mode("wal", "none", "RocksDB WAL in page cache before ack, no fsync");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final BenchEnvironment env;
    private ServerProcess server;
    private Path dataDir;
    private int port;
    private Admin admin;
    private String classPath;

    public StrandSystem(BenchEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "strand";
    }

    @Override
    public List<Mode> modes(Workload workload) {
        return switch (workload) {
            case W1, W3, W5 -> List.of(FSYNC, WAL);
            default -> List.of(FSYNC);
        };
    }

    @Override
    public void start(Mode mode, Path workDir) throws IOException, InterruptedException, TimeoutException {
        if (server != null) {
            throw new IllegalStateException("already running: " + server);
        }
        dataDir = workDir.resolve("data");
        port = LoopbackPorts.free();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(Optional.ofNullable(System.getenv("STRAND_BENCH_BROKER_JAVA_OPTS"))
                .orElse("-Xmx1g").trim().split("\\s+")));
        command.addAll(List.of("-cp", brokerClassPath(), "io.strand.broker.BrokerMain",
                "--data", dataDir.toString(), "--port", Integer.toString(port), "--admin-port", "-1",
                "--durability", mode.name()));
        server = ServerProcess.start("strand broker", command, workDir, workDir.resolve("broker.log"), Map.of());
        LoopbackPorts.awaitListening(port, server, env.startTimeout());
        admin = Strand.admin(clientOptions(Duration.ofSeconds(5)));
    }

    /** Copied into the run's scratch directory on first start, then reused (see {@link BrokerClassPath}). */
    private String brokerClassPath() throws IOException {
        if (classPath == null) {
            classPath = BrokerClassPath.snapshot(env.projectRoot(), env.scratchDir().resolve("strand-broker-classpath"));
        }
        return classPath;
    }

    ClientOptions clientOptions(Duration connectTimeout) {
        return ClientOptions.builder().broker("127.0.0.1", port).connectTimeout(connectTimeout)
                .requestTimeout(Duration.ofSeconds(60)).build();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void stop() throws InterruptedException {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (server != null) {
            int exit = server.stop(STOP_GRACE);
            if (exit != 0) {
                env.note("strand broker exited with " + exit + "; its log ends:\n" + server.logTail(20));
            }
            server = null;
        }
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void createTopics(List<String> topics, Mode mode) {
        for (String topic : topics) {
            admin.createTopic(topic);
        }
    }

    @Override
    public PublishClient publisher(PublishProfile profile) {
        return new StrandPublishClient(address(), profile);
    }

    @Override
    public Tail tail(String topic, String subscription, MessageSink sink) {
        return StrandTail.start(clientOptions(Duration.ofSeconds(5)), topic, subscription, sink);
    }

    /**
     * Stateless replay with the client's {@code Admin.read} (the broker's fetch by topic+offset),
     * 10,000 messages (the broker's per-fetch cap) per call.
     */
    @Override
    public long replay(List<String> topics, long perTopic, MessageSink sink, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = 0;
        for (String topic : topics) {
            long offset = 0;
            while (offset < perTopic) {
                int want = (int) Math.min(10_000, perTopic - offset);
                TopicRead read = admin.read(topic, offset, want, 16 << 20);
                for (ReceivedMessage m : read.messages()) {
                    sink.accept(m.data());
                }
                total += read.messages().size();
                offset = read.nextOffset();
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("replayed only " + total + " messages within " + timeout);
                }
                if (read.messages().isEmpty()) {
                    break;
                }
            }
        }
        return total;
    }

    @Override
    public boolean fetchFirst(String topic) {
        try (Admin probe = Strand.admin(clientOptions(Duration.ofSeconds(1)))) {
            return !probe.read(topic, 0, 1, 1 << 20).messages().isEmpty();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
