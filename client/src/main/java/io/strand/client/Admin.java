package io.strand.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Manages topics and subscriptions, and reads a topic's history without a subscription. Blocking calls
 * over one connection; thread-safe (calls are serialised). A call that finds its connection broken
 * (e.g. after a broker restart) reconnects, and repeats itself once if it is idempotent; the others
 * throw {@link ConnectionException} and the next call reconnects.
 *
 * <pre>{@code
 * try (Admin admin = Strand.admin(ClientOptions.forBroker("127.0.0.1:9090"))) {
 *     admin.createTopic("orders", TopicSettings.DEFAULTS.withRetention(Duration.ofDays(7)));
 *     admin.listSubscriptions().forEach(s -> System.out.println(s.name() + " lag " + s.totalLag()));
 * }
 * }</pre>
 *
 * Every method throws {@link StrandClientException} (typed: {@link UnknownTopicException},
 * {@link TopicExistsException}, {@link UnknownSubscriptionException}, ...) when the broker refuses.
 */
public interface Admin extends AutoCloseable {

    TopicDescription createTopic(String name, TopicSettings settings);

    default TopicDescription createTopic(String name) {
        return createTopic(name, TopicSettings.DEFAULTS);
    }

    /** Deletes the topic, its messages and its cursors. The name may be created again (offsets restart at 0). */
    void deleteTopic(String name);

    List<TopicDescription> listTopics();

    TopicDescription describeTopic(String name);

    /** Every subscription with its committed offsets and lag per topic. */
    List<SubscriptionDescription> listSubscriptions();

    SubscriptionDescription describeSubscription(String name);

    /** Deletes a subscription and its cursors. Deleting an unknown name is not an error. */
    void deleteSubscription(String name);

    /**
     * Moves a subscription's cursor on {@code topic} (empty = every topic it covers) to {@code position}.
     * A live subscriber of it continues from the new position in its next session; use
     * {@link Subscriber#seek} to move a subscriber you own.
     */
    void seek(String subscription, Optional<String> topic, StartPosition position);

    BrokerDescription info();

    /**
     * Reads up to {@code maxMessages} (and about {@code maxBytes}) of {@code topic} from {@code offset},
     * touching no subscription.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start or above its end
     */
    TopicRead read(String topic, long offset, int maxMessages, int maxBytes);

    /**
     * The offset of the first message stored at or after {@code time}, or the end offset if there is
     * none. Found by binary search over {@link #read} (timestamps are the broker's append times, which
     * do not decrease along a log), so it costs O(log n) small reads.
     */
    long offsetForTime(String topic, Instant time);

    @Override
    void close();
}
