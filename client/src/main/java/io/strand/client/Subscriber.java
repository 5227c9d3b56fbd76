package io.strand.client;

import java.util.concurrent.CompletableFuture;

/**
 * A running pull subscription: one thread ({@code strand-subscriber-NAME}) opens a session, long-polls
 * the broker's {@code fetch}, and hands each message to the {@link MessageHandler} on that thread, in
 * offset order per topic.
 *
 * <pre>{@code
 * SubscriberOptions options = SubscriberOptions.builder("billing", "orders")
 *         .broker("127.0.0.1:9090").start(StartPosition.earliest()).build();
 * try (Subscriber subscriber = Strand.subscribe(options, m -> System.out.println(m.dataAsString()))) {
 *     ...
 * }
 * }</pre>
 *
 * <h2>Acknowledgement and resume</h2>
 * What was acknowledged ({@link AckMode}) is committed to the broker in batches and on close. After a
 * disconnect or a broker restart the subscriber reconnects by itself with capped exponential backoff
 * ({@link ConnectionListener} sees it), opens a new session and continues from the committed offset:
 * messages delivered but not committed before the loss are delivered again unless this subscriber
 * already saw them acknowledged (at least once). If another instance opens the same subscription, this
 * one is fenced: it stops and calls {@link ConnectionListener#stopped}.
 *
 * <h2>Fetching ahead</h2>
 * While the handler keeps up (a batch handled in under 100 ms), the next fetch is sent before the
 * current batch is handed out, so the broker prepares it while the handler runs. At most one fetch is
 * ahead, and {@code max.unacked} bounds both batches together. A slow handler gets no fetch ahead, so
 * the broker is not left holding a response the subscriber is not reading.
 *
 * <p>All methods are thread-safe.
 */
public interface Subscriber extends AutoCloseable {

    /** The subscription's name. */
    String name();

    /**
     * {@link AckMode#MANUAL}: acknowledges {@code message} and everything before it on its topic. May be
     * called from any thread. Acks of messages delivered before the last {@link #seek} are ignored.
     *
     * @throws IllegalStateException in {@link AckMode#AUTO}
     */
    void ack(ReceivedMessage message);

    /**
     * Moves the subscription on {@code topic} to {@code position}: commits what was acknowledged, calls
     * the broker's seek, then restarts delivery from the new position. Messages already fetched but not
     * yet handed to the handler are dropped. Safe to call from the handler.
     *
     * @return completed once the broker has moved the cursor, or exceptionally with why not
     */
    CompletableFuture<Void> seek(String topic, StartPosition position);

    /** {@link #seek(String, StartPosition)} on every topic the subscription covers. */
    CompletableFuture<Void> seek(StartPosition position);

    /**
     * Completes the first time the subscriber has nothing more to read: a fetch returned nothing while
     * everything delivered before it was acknowledged and committed, i.e. every cursor is at its topic's
     * end. (In {@link AckMode#MANUAL} that needs the application to have acked everything.)
     */
    CompletableFuture<Void> caughtUp();

    /** Completes when the subscriber's thread has ended: after {@link #close()}, or when it stopped on an error. */
    CompletableFuture<Void> terminated();

    /** True until closed or stopped. */
    boolean isRunning();

    /**
     * Stops fetching, lets the handler finish its current message, commits what was acknowledged, ends
     * the session's thread and closes the connection. Idempotent; waits for the thread unless called
     * from the handler itself.
     */
    @Override
    void close();
}
