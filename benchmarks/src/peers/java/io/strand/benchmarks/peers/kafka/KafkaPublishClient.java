package io.strand.benchmarks.peers.kafka;

import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own producer, idempotent with {@code acks=all}, no compression. Tuning, per the note
 * that Kafka needs a large batch: {@code batch.size} 512 KiB and {@code buffer.memory} 256 MiB, with
 * {@code linger.ms} 5 (Kafka 4's default) for THROUGHPUT and 0 for LATENCY. For MANY_TOPICS (W6) Kafka's
 * default {@code batch.size} of 16 KiB: the producer allocates a whole {@code batch.size} buffer per
 * partition with data pending, so 1,000 partitions × 512 KiB exhausts any sane buffer and the producer
 * stalls on memory (measured here: ~1,300 msgs/s instead of tens of thousands).
 */
final class KafkaPublishClient implements PublishClient {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaPublishClient(String bootstrap, PublishProfile profile) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG,
                Integer.toString(profile == PublishProfile.MANY_TOPICS ? 16 * 1024 : 512 * 1024));
        props.put(ProducerConfig.LINGER_MS_CONFIG, profile == PublishProfile.LATENCY ? "0" : "5");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L << 20));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(String topic, byte[] payload) {
        producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Kafka's flush has no timeout of its own; its requests time out by {@code delivery.timeout.ms} (2 min). */
    @Override
    public void flush(Duration timeout) {
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a Kafka send failed: " + error, error);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
