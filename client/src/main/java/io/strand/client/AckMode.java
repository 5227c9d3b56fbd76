package io.strand.client;

/** How a {@link Subscriber} acknowledges what its handler processed. */
public enum AckMode {
    /** A message is acknowledged when the handler returns normally; commits go out every {@code auto.commit.interval.ms}. */
    AUTO,
    /**
     * The application calls {@link Subscriber#ack(ReceivedMessage)}, from any thread; an ack is cumulative
     * (everything up to that message on its topic). Commits go out every {@code auto.commit.interval.ms} and
     * on close. At most {@code max.unacked} messages are delivered and not yet acknowledged.
     */
    MANUAL
}
