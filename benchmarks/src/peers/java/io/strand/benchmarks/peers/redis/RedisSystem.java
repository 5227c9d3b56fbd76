package io.strand.benchmarks.peers.redis;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * Redis Streams: one {@code redis-server} on a free loopback port, {@code --appendonly yes} with
 * {@code --appendfsync everysec} (mode {@code everysec}: acked from memory, the AOF fsynced once a second)
 * or, for W2, {@code always} (the AOF is fsynced before replies are sent; Redis groups the writes of one
 * event-loop pass into one fsync). RDB snapshots off ({@code --save ''}); everything else Redis's default.
 * A topic is a stream; each message one entry with one field.
 */
public final class RedisSystem implements SystemUnderTest {
    static final Mode EVERYSEC = new Mode("everysec", "every-1s", "AOF appendfsync everysec (acked from memory)");
    static final Mode ALWAYS = new Mode("always", "per-ack", "AOF appendfsync always (fsync before reply)");
    static final byte[] FIELD = "d".getBytes(StandardCharsets.US_ASCII);

    private final BenchEnvironment env;
    private ServerProcess server;
    private Path workDir;
    private int port;

    public RedisSystem(BenchEnvironment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<Mode> modes(Workload workload) {
        return List.of(workload == Workload.W2 ? ALWAYS : EVERYSEC);
    }

    @Override
    public void start(Mode mode, Path workDir) throws Exception {
        Path binary = RedisInstaller.ensure(env);
        if (!workDir.equals(this.workDir)) {
            this.workDir = workDir;
            this.port = LoopbackPorts.free();
            env.note("redis-server " + RedisInstaller.version(binary));
        }
        Files.createDirectories(dataDir());
        List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dataDir().toString(), "--appendonly", "yes", "--appendfsync", mode.name(),
                "--save", "", "--daemonize", "no", "--protected-mode", "yes", "--logfile", "");
        server = ServerProcess.start("redis", command, workDir, workDir.resolve("redis.log"), Map.of());
        LoopbackPorts.awaitListening(port, server, env.startTimeout());
    }

    @Override
    public void stop() throws InterruptedException {
        if (server != null) {
            int exit = server.stop(Duration.ofSeconds(60));
            if (exit != 0) {
                env.note("redis exited with " + exit + "; its log ends:\n" + server.logTail(20));
            }
            server = null;
        }
    }

    @Override
    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** Streams are created by their first XADD. */
    @Override
    public void createTopics(List<String> topics, Mode mode) {
    }

    @Override
    public PublishClient publisher(PublishProfile profile) throws Exception {
        return new RedisPublishClient(port);
    }

    @Override
    public Tail tail(String topic, String subscription, MessageSink sink) {
        return RedisTail.start(port, topic, subscription, sink);
    }

    /** {@code XREAD COUNT 10000} from {@code 0-0}, per stream, until each gave {@code perTopic} entries. */
    @Override
    public long replay(List<String> topics, long perTopic, MessageSink sink, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = 0;
        try (Jedis jedis = new Jedis("127.0.0.1", port, 60_000)) {
            for (String topic : topics) {
                byte[] key = topic.getBytes(StandardCharsets.UTF_8);
                StreamEntryID last = new StreamEntryID(0, 0);
                long read = 0;
                while (read < perTopic) {
                    int count = (int) Math.min(10_000, perTopic - read);
                    List<Map.Entry<byte[], List<StreamEntryBinary>>> batch =
                            jedis.xreadBinary(XReadParams.xReadParams().count(count), Map.of(key, last));
                    if (batch == null || batch.isEmpty() || batch.get(0).getValue().isEmpty()) {
                        break;
                    }
                    for (StreamEntryBinary entry : batch.get(0).getValue()) {
                        sink.accept(entry.getFields().values().iterator().next());
                        last = entry.getID();
                        read++;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException("replayed only " + (total + read) + " entries within " + timeout);
                    }
                }
                total += read;
            }
        }
        return total;
    }

    @Override
    public boolean fetchFirst(String topic) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 2_000)) {
            var batch = jedis.xreadBinary(XReadParams.xReadParams().count(1),
                    Map.of(topic.getBytes(StandardCharsets.UTF_8), new StreamEntryID(0, 0)));
            return batch != null && !batch.isEmpty() && !batch.get(0).getValue().isEmpty();
        } catch (RuntimeException notYet) {
            return false; // connection refused, or LOADING while the AOF is replayed
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
