package io.strand.client;

import io.strand.api.PublishBatchRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches over one connection, retrying retriable failures until the delivery deadline, and
 * completes each batch's futures exactly once. Owned by one sender thread (not thread-safe); it owns
 * its connection, opening a new one after any connection failure — which is how a publisher
 * reconnects after a broker restart.
 */
final class BatchSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

    private final Connector connector;
    private final SharedProducerId sharedProducerId;
    private final boolean idempotent;
    private final long deliveryTimeoutNanos;
    private final Backoff backoff;
    private Connection connection;

    BatchSender(Connector connector, SharedProducerId sharedProducerId, boolean idempotent,
                Duration deliveryTimeout, Backoff backoff) {
        this.connector = connector;
        this.sharedProducerId = sharedProducerId;
        this.idempotent = idempotent;
        this.deliveryTimeoutNanos = deliveryTimeout.toNanos();
        this.backoff = backoff;
    }

    /**
     * Sends {@code batch} and completes its futures: with the acks, with the first non-retriable error,
     * or with {@link DeliveryTimeoutException} once the deadline passes.
     *
     * @throws InterruptedException when the publisher is aborted; the batch is then still incomplete
     */
    void send(Batch batch) throws InterruptedException {
        long deadline = batch.oldestSentNanos() + deliveryTimeoutNanos;
        StrandClientException last = null;
        for (int attempt = 1; ; attempt++) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                giveUp(batch, new DeliveryTimeoutException("no acknowledgement for " + batch.size() + " message(s) to '"
                        + batch.topic() + "' within " + Duration.ofNanos(deliveryTimeoutNanos).toMillis()
                        + " ms (delivery.timeout.ms)" + (last == null ? "" : "; last error: " + last.getMessage()), last));
                return;
            }
            try {
                io.strand.api.PublishAck ack = attempt(batch, remainingMs);
                if (idempotent) {
                    batch.sequence().acknowledged();
                }
                batch.complete(ack);
                return;
            } catch (StrandClientException e) {
                if (Errors.breaksConnection(e)) {
                    closeConnection();
                }
                if (!(e instanceof Retriable)) {
                    giveUp(batch, e);
                    return;
                }
                last = e;
                long delayMs = Math.min(backoff.delay(attempt).toMillis(),
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                log.debug("publish to '{}' failed (attempt {}), retrying in {} ms: {}", batch.topic(), attempt, delayMs,
                        e.getMessage());
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
            }
        }
    }

    private io.strand.api.PublishAck attempt(Batch batch, long remainingMs) {
        Connection c = connection();
        PublishBatchRequest request = new PublishBatchRequest(batch.topic(), batch.wireMessages());
        if (idempotent) {
            request.setProducerId(batch.sequence().producerId(c, sharedProducerId));
            request.setSequence(batch.sequence().nextSequence());
        }
        return c.call(client -> client.publishBatch(request), Math.min(c.requestTimeoutMs(), remainingMs));
    }

    private void giveUp(Batch batch, StrandClientException cause) {
        if (idempotent) {
            batch.sequence().reset();
        }
        batch.fail(cause);
    }

    private Connection connection() {
        if (connection == null) {
            connection = connector.open();
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
