package io.strand.client;

/**
 * Application code that processes one message. Used by {@link Subscriber} (called on the subscriber's
 * own thread, one message at a time, in offset order per topic) and by {@link PushReceiver} (called on
 * the receiver's server thread for the connection the broker delivers on; one batch at a time per
 * subscription, in offset order).
 *
 * <p>Throwing is how a handler refuses a message. A {@link Subscriber} does not acknowledge it, commits
 * what was acknowledged before it, and after a backoff (growing per consecutive failure, as for
 * reconnects) opens a new session that delivers it again, before anything after it on its topic — so a
 * message that always fails blocks its topic and is logged each time. A {@link PushReceiver} fails the
 * batch and the broker redelivers it after its backoff, dead-lettering it after {@code maxDeliveries}.
 * Delivery is at least once: make processing idempotent.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(ReceivedMessage message) throws Exception;
}
