package io.strand.client;

/**
 * The entry point of the Strand Java client: every handle starts here.
 *
 * <pre>{@code
 * try (Publisher publisher = Strand.publisher(PublisherOptions.builder().broker("127.0.0.1:9090").build())) {
 *     publisher.sendAndWait(Message.of("orders", "hello"));
 * }
 * try (Subscriber subscriber = Strand.subscribe(
 *         SubscriberOptions.builder("billing", "orders").start(StartPosition.earliest()).build(),
 *         message -> System.out.println(message.offset() + " " + message.dataAsString()))) {
 *     subscriber.caughtUp().join();
 * }
 * }</pre>
 *
 * Every handle is {@link AutoCloseable} and owns its connections and threads; none is shared
 * between handles.
 */
public final class Strand {

    private Strand() {
    }

    /** Starts a publisher (its sender threads connect on first use). */
    public static Publisher publisher(PublisherOptions options) {
        return new DefaultPublisher(options);
    }

    /**
     * Starts a pull subscriber: its thread connects, opens (or resumes) the subscription and calls
     * {@code handler} for each message. Connection failures are retried in the background; see
     * {@link ConnectionListener}.
     */
    public static Subscriber subscribe(SubscriberOptions options, MessageHandler handler) {
        return new DefaultSubscriber(options, handler);
    }

    /**
     * Starts a push receiver: listens on its own port and registers the push subscription with the
     * broker before returning.
     *
     * @throws StrandClientException when the port cannot be bound or the broker refuses the subscription
     */
    public static PushReceiver pushReceiver(PushReceiverOptions options, MessageHandler handler) {
        return new DefaultPushReceiver(options, handler);
    }

    /** An admin client; connects on its first call. */
    public static Admin admin(ClientOptions options) {
        return new DefaultAdmin(options);
    }
}
