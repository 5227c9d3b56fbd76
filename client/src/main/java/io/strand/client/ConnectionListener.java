package io.strand.client;

import java.time.Duration;

/**
 * Connection events of a {@link Subscriber}. Every method has a no-op default; override what you need.
 * All are called on the subscriber's own thread ({@code strand-subscriber-NAME}), the one that runs the
 * handler, so they never run concurrently with it; keep them short. An exception thrown by a listener
 * is logged and ignored.
 */
public interface ConnectionListener {

    /** A session is open (first connect, or after a reconnect); delivery resumes from the committed offset. */
    default void connected() {
    }

    /** The connection or session was lost; {@link #reconnecting} follows. */
    default void disconnected(StrandClientException cause) {
    }

    /** The subscriber will try to reconnect after {@code delay} (attempt 1, 2, ...; capped exponential backoff). */
    default void reconnecting(int attempt, Duration delay) {
    }

    /**
     * The subscriber stopped for good because of {@code cause}: another instance took over the
     * subscription ({@link SessionFencedException}), it was deleted ({@link UnknownSubscriptionException}),
     * or another non-retriable error. Not called on {@link Subscriber#close()}.
     */
    default void stopped(StrandClientException cause) {
    }

    ConnectionListener NONE = new ConnectionListener() {
    };
}
