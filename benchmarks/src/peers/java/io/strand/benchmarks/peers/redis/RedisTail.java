package io.strand.benchmarks.peers.redis;

import io.strand.benchmarks.load.sut.MessageSink;
import io.strand.benchmarks.load.sut.Tail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * One subscription: a thread with its own connection looping {@code XREAD COUNT 2000 BLOCK 100} from
 * the last entry it saw (starting at {@code 0-0}, the stream's beginning). Like Kafka's assigned
 * consumer, it keeps its position client-side.
 */
final class RedisTail implements Tail {
    private final Thread thread;
    private volatile boolean running = true;

    private RedisTail(int port, String topic, String name, MessageSink sink) {
        this.thread = new Thread(() -> run(port, topic, sink), "redis-tail-" + name);
    }

    static RedisTail start(int port, String topic, String name, MessageSink sink) {
        RedisTail tail = new RedisTail(port, topic, name, sink);
        tail.thread.start();
        return tail;
    }

    private void run(int port, String topic, MessageSink sink) {
        byte[] key = topic.getBytes(StandardCharsets.UTF_8);
        StreamEntryID last = new StreamEntryID(0, 0);
        try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
            while (running) {
                List<Map.Entry<byte[], List<StreamEntryBinary>>> batch =
                        jedis.xreadBinary(XReadParams.xReadParams().count(2000).block(100), Map.of(key, last));
                if (batch == null) {
                    continue;
                }
                for (Map.Entry<byte[], List<StreamEntryBinary>> stream : batch) {
                    for (StreamEntryBinary entry : stream.getValue()) {
                        sink.accept(entry.getFields().values().iterator().next());
                        last = entry.getID();
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                System.err.println("# redis tail stopped: " + e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
