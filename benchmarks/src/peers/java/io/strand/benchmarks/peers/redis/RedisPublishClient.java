package io.strand.benchmarks.peers.redis;

import io.strand.benchmarks.load.sut.PublishClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

/**
 * Pipelined {@code XADD}: {@code send} queues (bounded: 100,000 messages, then it blocks); one sender
 * thread with its own connection takes everything queued — up to 1,000 commands — writes it as one
 * pipeline and reads the replies, then repeats. Under saturation that is 1,000 XADDs per round trip;
 * at a fixed low rate each message goes out as soon as it is queued. The same code serves both
 * profiles: it never waits to fill a pipeline.
 */
final class RedisPublishClient implements PublishClient {
    private static final int MAX_PIPELINE = 1_000;

    private record Item(byte[] key, byte[] payload) {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(100_000);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread sender;
    private final Jedis jedis;
    private volatile boolean running = true;
    private volatile long acked;
    private long sent;

    RedisPublishClient(int port) {
        this.jedis = new Jedis("127.0.0.1", port, 60_000);
        this.sender = new Thread(this::sendLoop, "redis-publisher");
        sender.start();
    }

    @Override
    public void send(String topic, byte[] payload) throws InterruptedException {
        queue.put(new Item(topic.getBytes(StandardCharsets.UTF_8), payload));
        sent++;
    }

    private void sendLoop() {
        List<Item> batch = new ArrayList<>(MAX_PIPELINE);
        try {
            while (running || !queue.isEmpty()) {
                Item first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_PIPELINE - 1);
                Pipeline pipeline = jedis.pipelined();
                for (Item item : batch) {
                    pipeline.xadd(item.key(), XAddParams.xAddParams(), Map.of(RedisSystem.FIELD, item.payload()));
                }
                for (Object reply : pipeline.syncAndReturnAll()) {
                    if (reply instanceof JedisDataException e) {
                        failure.compareAndSet(null, e);
                    }
                }
                acked += batch.size(); // single writer: this thread
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    @Override
    public void flush(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked < sent && failure.get() == null) {
            if (System.nanoTime() > deadline || !sender.isAlive()) {
                throw new TimeoutException("Redis acknowledged " + acked + " of " + sent + " XADDs");
            }
            TimeUnit.MICROSECONDS.sleep(200);
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("an XADD failed: " + error, error);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join(TimeUnit.SECONDS.toMillis(60));
        jedis.close();
    }
}
