package io.strand.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Publisher}. Immutable; build with {@link #builder()}. Each builder method names
 * its key; defaults in brackets.
 *
 * @param client             how to reach the broker
 * @param batchMaxBytes      {@code batch.max.bytes} [1 MiB]: a topic's batch is sent once it holds this many bytes
 * @param batchMaxMessages   {@code batch.max.messages} [1000]: ... or this many messages (the broker's
 *                           default limit per batch is 10,000). Why 1000: with one batch in flight per topic,
 *                           a topic's throughput is batch size / round trip (each batch is one group-committed
 *                           append). A quick in-process run (2 cores, 100-byte messages, fsync broker, noisy)
 *                           gave about 9k msg/s at 10 per batch, 50-120k at 100, ~200k at 1000, and no
 *                           further gain at 5000; the benchmarks module owns the careful numbers
 * @param linger             {@code linger.ms} [5 ms]: ... or once its oldest message has waited this long
 * @param bufferMemoryBytes  {@code buffer.memory.bytes} [32 MiB]: bytes of unacknowledged messages held;
 *                           when full, {@code send} blocks
 * @param maxBlock           {@code max.block.ms} [60 s]: how long {@code send} blocks for buffer space
 * @param messageMaxBytes    {@code message.max.bytes} [1 MiB, the broker's default]: larger messages are
 *                           refused by {@code send} instead of failing the whole batch at the broker
 * @param deliveryTimeout    {@code delivery.timeout.ms} [2 min]: time from {@code send} until the future
 *                           fails if the message could not be stored
 * @param retryBackoff       {@code retry.backoff.ms} [100 ms]: first delay before a retry; doubles per attempt
 * @param retryBackoffMax    {@code retry.backoff.max.ms} [5 s]: cap of that delay
 * @param idempotent         {@code idempotent} [true]: producer id + sequence numbers, so retries never
 *                           store a batch twice
 * @param connections        {@code connections} [2]: sender threads, each with its own connection; batches of
 *                           different topics are sent in parallel up to this many
 */
public record PublisherOptions(ClientOptions client, int batchMaxBytes, int batchMaxMessages, Duration linger,
                               long bufferMemoryBytes, Duration maxBlock, int messageMaxBytes,
                               Duration deliveryTimeout, Duration retryBackoff, Duration retryBackoffMax,
                               boolean idempotent, int connections) {

    public PublisherOptions {
        Objects.requireNonNull(client, "client");
        requireAtLeast(batchMaxBytes, 1, "batch.max.bytes");
        requireAtLeast(batchMaxMessages, 1, "batch.max.messages");
        Objects.requireNonNull(linger, "linger.ms");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger.ms must be >= 0, got " + linger);
        }
        requireAtLeast(bufferMemoryBytes, 1024, "buffer.memory.bytes");
        Objects.requireNonNull(maxBlock, "max.block.ms");
        if (maxBlock.isNegative()) {
            throw new IllegalArgumentException("max.block.ms must be >= 0, got " + maxBlock);
        }
        requireAtLeast(messageMaxBytes, 1, "message.max.bytes");
        ClientOptions.requirePositive(deliveryTimeout, "delivery.timeout.ms");
        ClientOptions.requirePositive(retryBackoff, "retry.backoff.ms");
        ClientOptions.requirePositive(retryBackoffMax, "retry.backoff.max.ms");
        requireAtLeast(connections, 1, "connections");
    }

    private static void requireAtLeast(long value, long min, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private ClientOptions.Builder client = ClientOptions.builder();
        private ClientOptions clientOptions;
        private int batchMaxBytes = 1 << 20;
        private int batchMaxMessages = 1000;
        private Duration linger = Duration.ofMillis(5);
        private long bufferMemoryBytes = 32L << 20;
        private Duration maxBlock = Duration.ofSeconds(60);
        private int messageMaxBytes = 1 << 20;
        private Duration deliveryTimeout = Duration.ofMinutes(2);
        private Duration retryBackoff = Duration.ofMillis(100);
        private Duration retryBackoffMax = Duration.ofSeconds(5);
        private boolean idempotent = true;
        private int connections = 2;

        private Builder() {
        }

        /** Connection settings; replaces anything set with {@link #broker(String)}. */
        public Builder client(ClientOptions client) {
            this.clientOptions = client;
            return this;
        }

        /** Shorthand for the broker address ({@code host:port}) with default connection settings. */
        public Builder broker(String hostPort) {
            this.client = ClientOptions.builder().broker(hostPort);
            this.clientOptions = null;
            return this;
        }

        public Builder batchMaxBytes(int batchMaxBytes) {
            this.batchMaxBytes = batchMaxBytes;
            return this;
        }

        public Builder batchMaxMessages(int batchMaxMessages) {
            this.batchMaxMessages = batchMaxMessages;
            return this;
        }

        public Builder linger(Duration linger) {
            this.linger = linger;
            return this;
        }

        public Builder bufferMemoryBytes(long bufferMemoryBytes) {
            this.bufferMemoryBytes = bufferMemoryBytes;
            return this;
        }

        public Builder maxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
            return this;
        }

        public Builder messageMaxBytes(int messageMaxBytes) {
            this.messageMaxBytes = messageMaxBytes;
            return this;
        }

        public Builder deliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
            return this;
        }

        public Builder retryBackoff(Duration initial, Duration max) {
            this.retryBackoff = initial;
            this.retryBackoffMax = max;
            return this;
        }

        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public Builder connections(int connections) {
            this.connections = connections;
            return this;
        }

        public PublisherOptions build() {
            return new PublisherOptions(clientOptions != null ? clientOptions : client.build(), batchMaxBytes,
                    batchMaxMessages, linger, bufferMemoryBytes, maxBlock, messageMaxBytes, deliveryTimeout,
                    retryBackoff, retryBackoffMax, idempotent, connections);
        }
    }
}
