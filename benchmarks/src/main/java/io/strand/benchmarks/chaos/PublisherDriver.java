package io.strand.benchmarks.chaos;

import io.strand.client.Message;
import io.strand.client.PublishAck;
import io.strand.client.Publisher;
import io.strand.client.StrandClientException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chaos publisher: a thread ({@code chaos-publisher-N}) that sends payloads numbered 0, 1, 2, ...
 * through one idempotent {@link Publisher} to seeded-random topics at a fixed rate, and records each
 * outcome in the {@link AckLedger} from the publisher's callback.
 *
 * <p>The publisher is created once and never replaced: across broker kills it has to reconnect and
 * retry on its own. At most {@code maxInFlight} sends are unacknowledged at once (while the broker is
 * down the thread waits for room instead of queueing without bound); a rate that fell behind while
 * waiting is not caught up in a burst.
 */
final class PublisherDriver implements AutoCloseable {
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int id;
    private final Publisher publisher;
    private final List<String> topics;
    private final AckLedger ledger;
    private final Violations violations;
    private final long intervalNanos;
    private final int minPayload;
    private final int maxPayload;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final SplittableRandom random;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    PublisherDriver(int id, Publisher publisher, List<String> topics, ChaosSettings settings, AckLedger ledger,
                    Violations violations) {
        this.id = id;
        this.publisher = publisher;
        this.topics = List.copyOf(topics);
        this.ledger = ledger;
        this.violations = violations;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.ratePerPublisher();
        this.minPayload = settings.minPayloadBytes();
        this.maxPayload = settings.maxPayloadBytes();
        this.maxInFlight = settings.maxInFlightPerPublisher();
        this.inFlight = new Semaphore(maxInFlight);
        this.random = new SplittableRandom(settings.seed() * 31 + id);
        Duration maxRun = settings.maxRunTime();
        this.thread = new Thread(() -> run(maxRun), "chaos-publisher-" + id);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int id() {
        return id;
    }

    long sent() {
        return sent.get();
    }

    private void run(Duration maxRun) {
        long deadline = System.nanoTime() + maxRun.toNanos();
        long next = System.nanoTime();
        long sequence = 0;
        try {
            while (running && System.nanoTime() - deadline < 0) {
                long now = System.nanoTime();
                if (next - now > 0) {
                    TimeUnit.NANOSECONDS.sleep(next - now);
                }
                next = Math.max(next + intervalNanos, System.nanoTime() - MAX_LAG_NANOS);
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                send(new Payload.Origin(id, sequence++, topics.get(random.nextInt(topics.size()))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Payload.Origin origin) {
        byte[] data = Payload.encode(origin, minPayload + random.nextInt(maxPayload - minPayload + 1), random);
        long fingerprint = Payload.fingerprint(data);
        CompletableFuture<PublishAck> ack;
        try {
            ack = publisher.send(Message.of(origin.topic(), data));
        } catch (StrandClientException e) {
            inFlight.release();
            ledger.failed(origin, e);
            return;
        }
        sent.incrementAndGet();
        ack.whenComplete((a, failure) -> {
            inFlight.release();
            if (failure != null) {
                ledger.failed(origin, failure);
            } else {
                ledger.acked(origin, fingerprint, a);
            }
        });
    }

    /**
     * Stops sending, then closes the publisher, which flushes what is queued (each batch bounded by the
     * delivery timeout); afterwards every send has an outcome in the ledger.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        if (inFlight.availablePermits() != maxInFlight) {
            violations.report(Violation.SEND_FAILURES, "publisher-" + id + ":close", "publisher " + id + " closed with "
                    + (maxInFlight - inFlight.availablePermits()) + " sends without an outcome");
        }
    }
}
