package io.strand.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the broker; shared by {@link Publisher}, {@link Subscriber}, {@link PushReceiver} and
 * {@link Admin}. Immutable; build with {@link #builder()}.
 *
 * <p>The defaults — framed transport, binary protocol — are the one-line switch between encodings:
 * {@code ClientOptions.builder().protocol(WireProtocol.COMPACT)}. The broker accepts every combination
 * on its one port.
 *
 * @param broker         {@code broker}: host and port of the broker's Thrift port (default 127.0.0.1:9090)
 * @param protocol       {@code protocol}: binary (default) or compact
 * @param framed         {@code framed}: frame each request with its length (default true)
 * @param connectTimeout {@code connect.timeout.ms}: how long opening a TCP connection may take (default 5 s)
 * @param requestTimeout {@code request.timeout.ms}: how long to wait for a response beyond any
 *                       long-poll wait the request itself asks for (default 30 s)
 * @param maxFrameBytes  {@code max.frame.bytes}: largest response the client accepts (default 64 MiB)
 */
public record ClientOptions(BrokerAddress broker, WireProtocol protocol, boolean framed,
                            Duration connectTimeout, Duration requestTimeout, int maxFrameBytes) {

    public ClientOptions {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(protocol, "protocol");
        requirePositive(connectTimeout, "connect.timeout.ms");
        requirePositive(requestTimeout, "request.timeout.ms");
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max.frame.bytes must be at least 1024, got " + maxFrameBytes);
        }
    }

    /** Every default: 127.0.0.1:9090, framed binary. */
    public static ClientOptions defaults() {
        return builder().build();
    }

    /** The defaults with another broker address ({@code host:port}). */
    public static ClientOptions forBroker(String hostPort) {
        return builder().broker(hostPort).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    static Duration requirePositive(Duration d, String key) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
        return d;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private BrokerAddress broker = BrokerAddress.DEFAULT;
        private WireProtocol protocol = WireProtocol.BINARY;
        private boolean framed = true;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxFrameBytes = 64 << 20;

        private Builder() {
        }

        public Builder broker(BrokerAddress broker) {
            this.broker = broker;
            return this;
        }

        public Builder broker(String hostPort) {
            this.broker = BrokerAddress.parse(hostPort);
            return this;
        }

        public Builder broker(String host, int port) {
            this.broker = new BrokerAddress(host, port);
            return this;
        }

        public Builder protocol(WireProtocol protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder framed(boolean framed) {
            this.framed = framed;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(broker, protocol, framed, connectTimeout, requestTimeout, maxFrameBytes);
        }
    }
}
