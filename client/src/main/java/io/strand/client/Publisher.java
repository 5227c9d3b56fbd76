package io.strand.client;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes messages to any number of topics, batching them per topic.
 *
 * <pre>{@code
 * try (Publisher publisher = Strand.publisher(PublisherOptions.builder().broker("127.0.0.1:9090").build())) {
 *     publisher.send(Message.of("orders", "first order"));           // asynchronous
 *     PublishAck ack = publisher.sendAndWait(Message.of("orders", "second order"));
 * }
 * }</pre>
 *
 * <h2>Ordering and batching</h2>
 * Messages of one topic are stored in the order {@code send} was called (across all threads, in the
 * order the calls took the publisher's internal lock). A topic's messages are grouped into a batch
 * until it reaches {@code batch.max.bytes} or {@code batch.max.messages}, or its oldest message has
 * waited {@code linger.ms}. At most one batch per topic is in flight at a time — that, with retries
 * keeping their sequence number, is what keeps per-topic order — while batches of different topics
 * travel at once over up to {@code connections} connections. A single topic's throughput therefore
 * comes from batch size, not from more connections.
 *
 * <h2>Delivery</h2>
 * Idempotent by default: the publisher takes a producer id from the broker and numbers each topic's
 * batches, so a batch retried after a lost acknowledgement is stored once (its ack then says
 * {@link PublishAck#duplicate()}). Retriable failures ({@link Retriable}: connection loss, broker
 * restarting, overloaded or read-only) are retried with capped exponential backoff on a new
 * connection until {@code delivery.timeout.ms} has passed since {@code send}; then the future fails with
 * {@link DeliveryTimeoutException} whose cause is the last error. Other errors fail the batch's
 * futures at once with the typed exception (e.g. {@link UnknownTopicException}).
 *
 * <h2>Threads</h2>
 * All methods are thread-safe. Futures are completed on the publisher's sender threads
 * ({@code strand-publisher-N-sender-M}): keep callbacks short and non-blocking, or use the
 * {@code ...Async} variants of {@link CompletableFuture} with your own executor. Never call
 * {@link #flush()}, {@link #close()} or {@link #sendAndWait} from such a callback.
 */
public interface Publisher extends AutoCloseable {

    /**
     * Queues a message. Returns at once unless the buffer ({@code buffer.memory.bytes}) is full, in which
     * case it blocks up to {@code max.block.ms} for space.
     *
     * @return completed with the message's acknowledgement, or exceptionally with a
     *         {@link StrandClientException}
     * @throws BufferFullException       if the buffer stayed full for {@code max.block.ms}
     * @throws MessageTooLargeException  if the message alone exceeds {@code message.max.bytes}
     *                                   or the whole buffer
     * @throws ClientClosedException     if the publisher is closed
     */
    CompletableFuture<PublishAck> send(Message message);

    /**
     * {@link #send} and wait for the acknowledgement.
     *
     * @throws StrandClientException why the message was not stored
     */
    PublishAck sendAndWait(Message message) throws InterruptedException;

    /**
     * Sends everything queued so far without waiting for {@code linger.ms}, and returns once every
     * message sent before this call is acknowledged or failed. Failures are reported through the
     * messages' futures, not thrown here.
     */
    void flush() throws InterruptedException;

    /**
     * Stops accepting messages, flushes what is queued (each batch still bounded by the delivery
     * timeout), then closes the connections and stops the sender threads. Idempotent. If the calling
     * thread is interrupted, messages still pending fail with {@link ClientClosedException}.
     */
    @Override
    void close();
}
