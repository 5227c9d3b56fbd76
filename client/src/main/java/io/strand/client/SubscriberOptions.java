package io.strand.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link Subscriber}. Immutable; build with {@link #builder(String, String)}. Each builder
 * method names its key; defaults in brackets.
 *
 * @param client                     how to reach the broker
 * @param name                       {@code name}: the durable subscription's name
 * @param topic                      {@code topic}: a topic name or pattern ({@code *} one segment, {@code >}
 *                                   the rest); empty = every topic
 * @param start                      {@code start} [latest]: where a new subscription starts; ignored when it exists
 * @param ackMode                    {@code ack.mode} [AUTO]
 * @param autoCommitInterval         {@code auto.commit.interval.ms} [1 s]: how often acknowledged positions are committed
 * @param maxUnacked                 {@code max.unacked} [1000]: messages fetched and not yet acknowledged held at once
 * @param fetchMaxMessages           {@code fetch.max.messages} [500]
 * @param fetchMaxBytes              {@code fetch.max.bytes} [1 MiB]
 * @param fetchMaxWait               {@code fetch.max.wait.ms} [1 s]: long-poll wait; also bounds how long
 *                                   {@code close} and a commit may wait behind an idle fetch
 * @param reconnectBackoff           {@code reconnect.backoff.ms} [100 ms]: first delay before reconnecting
 * @param reconnectBackoffMax        {@code reconnect.backoff.max.ms} [10 s]: cap of that delay
 * @param resetToEarliestWhenTrimmed {@code reset.to.earliest.when.trimmed} [false]: when retention removed the
 *                                   committed position, jump to the log start instead of stopping
 * @param listener                   connection events [none]
 */
public record SubscriberOptions(ClientOptions client, String name, Optional<String> topic, StartPosition start,
                                AckMode ackMode, Duration autoCommitInterval, int maxUnacked, int fetchMaxMessages,
                                int fetchMaxBytes, Duration fetchMaxWait, Duration reconnectBackoff,
                                Duration reconnectBackoffMax, boolean resetToEarliestWhenTrimmed,
                                ConnectionListener listener) {

    public SubscriberOptions {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("subscription name is empty");
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(ackMode, "ack.mode");
        ClientOptions.requirePositive(autoCommitInterval, "auto.commit.interval.ms");
        if (maxUnacked < 1 || fetchMaxMessages < 1 || fetchMaxBytes < 1) {
            throw new IllegalArgumentException("max.unacked, fetch.max.messages and fetch.max.bytes must be >= 1");
        }
        Objects.requireNonNull(fetchMaxWait, "fetch.max.wait.ms");
        if (fetchMaxWait.isNegative()) {
            throw new IllegalArgumentException("fetch.max.wait.ms must be >= 0");
        }
        ClientOptions.requirePositive(reconnectBackoff, "reconnect.backoff.ms");
        ClientOptions.requirePositive(reconnectBackoffMax, "reconnect.backoff.max.ms");
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param name  the subscription's name
     * @param topic a topic name or pattern; null or empty = every topic
     */
    public static Builder builder(String name, String topic) {
        return new Builder(name, topic);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String topic;
        private ClientOptions client = ClientOptions.defaults();
        private StartPosition start = StartPosition.latest();
        private AckMode ackMode = AckMode.AUTO;
        private Duration autoCommitInterval = Duration.ofSeconds(1);
        private int maxUnacked = 1000;
        private int fetchMaxMessages = 500;
        private int fetchMaxBytes = 1 << 20;
        private Duration fetchMaxWait = Duration.ofSeconds(1);
        private Duration reconnectBackoff = Duration.ofMillis(100);
        private Duration reconnectBackoffMax = Duration.ofSeconds(10);
        private boolean resetToEarliestWhenTrimmed;
        private ConnectionListener listener = ConnectionListener.NONE;

        private Builder(String name, String topic) {
            this.name = name;
            this.topic = topic;
        }

        public Builder client(ClientOptions client) {
            this.client = client;
            return this;
        }

        public Builder broker(String hostPort) {
            this.client = ClientOptions.forBroker(hostPort);
            return this;
        }

        public Builder start(StartPosition start) {
            this.start = start;
            return this;
        }

        public Builder ackMode(AckMode ackMode) {
            this.ackMode = ackMode;
            return this;
        }

        public Builder autoCommitInterval(Duration autoCommitInterval) {
            this.autoCommitInterval = autoCommitInterval;
            return this;
        }

        public Builder maxUnacked(int maxUnacked) {
            this.maxUnacked = maxUnacked;
            return this;
        }

        public Builder fetchMaxMessages(int fetchMaxMessages) {
            this.fetchMaxMessages = fetchMaxMessages;
            return this;
        }

        public Builder fetchMaxBytes(int fetchMaxBytes) {
            this.fetchMaxBytes = fetchMaxBytes;
            return this;
        }

        public Builder fetchMaxWait(Duration fetchMaxWait) {
            this.fetchMaxWait = fetchMaxWait;
            return this;
        }

        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectBackoff = initial;
            this.reconnectBackoffMax = max;
            return this;
        }

        public Builder resetToEarliestWhenTrimmed(boolean reset) {
            this.resetToEarliestWhenTrimmed = reset;
            return this;
        }

        public Builder listener(ConnectionListener listener) {
            this.listener = listener;
            return this;
        }

        public SubscriberOptions build() {
            Optional<String> t = topic == null || topic.isEmpty() ? Optional.empty() : Optional.of(topic);
            return new SubscriberOptions(client, name, t, start, ackMode, autoCommitInterval, maxUnacked,
                    fetchMaxMessages, fetchMaxBytes, fetchMaxWait, reconnectBackoff, reconnectBackoffMax,
                    resetToEarliestWhenTrimmed, listener);
        }
    }
}
