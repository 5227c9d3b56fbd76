package io.strand.client;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of a {@link PushReceiver}. Immutable; build with {@link #builder(String, String)}.
 *
 * @param client         how to reach the broker (to register the subscription)
 * @param name           {@code name}: the durable subscription's name
 * @param topic          {@code topic}: a topic name or pattern; empty = every topic
 * @param start          {@code start} [latest]: where a new subscription starts
 * @param bindHost       {@code bind.host} [127.0.0.1]: the interface the Consumer service listens on
 * @param port           {@code port} [0 = any free port]
 * @param advertisedHost {@code advertised.host} [bind.host]: the host the broker should connect to
 * @param maxDeliveries  {@code max.deliveries} [broker's default]: failed deliveries of one batch before
 *                       it is dead-lettered
 * @param maxThreads     {@code max.threads} [4]: most connections served at once
 */
public record PushReceiverOptions(ClientOptions client, String name, Optional<String> topic, StartPosition start,
                                  String bindHost, int port, Optional<String> advertisedHost,
                                  OptionalInt maxDeliveries, int maxThreads) {

    public PushReceiverOptions {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("subscription name is empty");
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(bindHost, "bind.host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(advertisedHost, "advertised.host");
        Objects.requireNonNull(maxDeliveries, "max.deliveries");
        if (maxThreads < 1) {
            throw new IllegalArgumentException("max.threads must be >= 1");
        }
    }

    /** @param topic a topic name or pattern; null or empty = every topic */
    public static Builder builder(String name, String topic) {
        return new Builder(name, topic);
    }

    /** The host the broker is told to connect to. */
    public String endpointHost() {
        return advertisedHost.orElse(bindHost);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String topic;
        private ClientOptions client = ClientOptions.defaults();
        private StartPosition start = StartPosition.latest();
        private String bindHost = "127.0.0.1";
        private int port;
        private String advertisedHost;
        private Integer maxDeliveries;
        private int maxThreads = 4;

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

        public Builder bind(String host, int port) {
            this.bindHost = host;
            this.port = port;
            return this;
        }

        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        public Builder maxDeliveries(int maxDeliveries) {
            this.maxDeliveries = maxDeliveries;
            return this;
        }

        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        public PushReceiverOptions build() {
            return new PushReceiverOptions(client, name,
                    topic == null || topic.isEmpty() ? Optional.empty() : Optional.of(topic), start, bindHost, port,
                    Optional.ofNullable(advertisedHost),
                    maxDeliveries == null ? OptionalInt.empty() : OptionalInt.of(maxDeliveries), maxThreads);
        }
    }
}
