package io.strand.client;

import java.net.InetSocketAddress;

/**
 * A push subscription's receiving end: runs the Thrift {@code Consumer} service inside the application
 * on its own port, and registers the subscription with the broker pointing at it. The broker then calls
 * {@code consume(batch)} in offset order, one batch at a time; this receiver hands each message of the
 * batch to the {@link MessageHandler} on the server thread serving that call (calls are serialised, so
 * the handler never runs concurrently with itself).
 *
 * <p>The batch is acknowledged when every message's handler returned. If one throws, the whole batch
 * fails and the broker redelivers it from the committed offset after a backoff — so messages before the
 * failing one are seen again (at least once). After the subscription's {@code maxDeliveries} failures in
 * a row the broker moves the batch to its dead-letter topic.
 *
 * <pre>{@code
 * try (PushReceiver receiver = Strand.pushReceiver(
 *         PushReceiverOptions.builder("audit", "orders").broker("127.0.0.1:9090").build(),
 *         m -> audit(m))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Closing stops the server and drops the broker's connections; the subscription itself stays (it is
 * durable — delete it with {@link Admin#deleteSubscription}), and the broker keeps retrying delivery
 * with backoff until a receiver registers again.
 */
public interface PushReceiver extends AutoCloseable {

    /** The subscription's name. */
    String name();

    /** Where the Consumer service listens (the actual port when 0 was asked for). */
    InetSocketAddress address();

    @Override
    void close();
}
