package io.strand.benchmarks.load.strand;

import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.client.Message;
import io.strand.client.Publisher;
import io.strand.client.PublisherOptions;
import io.strand.client.Strand;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Strand client's {@link Publisher}, idempotent (its default). Tuning, per profile:
 * <ul>
 *   <li>THROUGHPUT and MANY_TOPICS: {@code linger.ms} 5 (the client's default), batches up to 10,000 messages (the
 *       broker's per-batch cap) or 2 MiB, 64 MiB buffer;</li>
 *   <li>LATENCY: {@code linger.ms} 0 — a batch goes as soon as the previous one of its topic is acked,
 *       holding whatever queued meanwhile.</li>
 * </ul>
 */
final class StrandPublishClient implements PublishClient {
    private final Publisher publisher;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    StrandPublishClient(String broker, PublishProfile profile) {
        this.publisher = Strand.publisher(PublisherOptions.builder().broker(broker)
                .linger(profile == PublishProfile.LATENCY ? Duration.ZERO : Duration.ofMillis(5))
                .batchMaxMessages(10_000).batchMaxBytes(2 << 20).bufferMemoryBytes(64L << 20)
                .build());
    }

    @Override
    public void send(String topic, byte[] payload) {
        publisher.send(Message.of(topic, payload)).whenComplete((ack, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** The client's flush is itself bounded by its delivery timeout (2 min), so {@code timeout} is not needed. */
    @Override
    public void flush(Duration timeout) throws Exception {
        publisher.flush();
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a publish failed: " + error, error);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
