package io.strand.benchmarks.peers.kafka;

import io.strand.benchmarks.load.sut.MessageSink;
import io.strand.benchmarks.load.sut.Tail;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One subscription: a {@link KafkaConsumer} of its own (its own consumer group id, named after the
 * subscription) on a thread of its own, assigned the topic's single partition from the beginning
 * (assignment rather than group subscription: no rebalance delay at start, the same fetch path).
 * Tuning: Kafka's defaults for the fetch path ({@code fetch.min.bytes} 1 — answer as soon as there is
 * data — and {@code fetch.max.wait.ms} 500), {@code max.poll.records} 2,000.
 */
final class KafkaTail implements Tail {
    private final Thread thread;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    private KafkaTail(KafkaConsumer<byte[], byte[]> consumer, String topic, String name, MessageSink sink,
                      CompletableFuture<Void> ready) {
        this.consumer = consumer;
        this.thread = new Thread(() -> run(topic, sink, ready), "kafka-tail-" + name);
    }

    static KafkaTail start(String bootstrap, String topic, String name, MessageSink sink) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        KafkaTail tail = new KafkaTail(consumer, topic, name, sink, ready);
        tail.thread.start();
        ready.get(60, TimeUnit.SECONDS);
        return tail;
    }

    private void run(String topic, MessageSink sink, CompletableFuture<Void> ready) {
        try (consumer) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition, Duration.ofSeconds(30));
            ready.complete(null);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    sink.accept(record.value());
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            if (running) {
                System.err.println("# kafka tail stopped: " + e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
