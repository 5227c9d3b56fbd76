package io.strand.benchmarks.load;

import java.time.Duration;

/**
 * The sizes of a run. {@link #issue()} is what the benchmark issue specifies; {@link #quick()} is a
 * smoke-test size that finishes in a few minutes including peers.
 *
 * @param payloadBytes     bytes per message (100)
 * @param w1Messages       W1 (and W4, which replays W1's topic)
 * @param w2Messages       W2
 * @param w3Rate           W3 messages per second
 * @param w3Duration       W3 length
 * @param w5Rate           W5 messages per second
 * @param w5Duration       W5 length
 * @param w5Subscriptions  W5 subscriptions
 * @param w6Topics         W6 topics
 * @param w6PerTopic       W6 messages per topic
 * @param w7Messages       W7 messages stored before the restart
 * @param w7Topics         W7 topics they are spread over
 * @param workloadTimeout  bound on any one workload's waits
 * @param warmupMessages   published and replayed, unmeasured, when a shared session's server starts (0: none)
 * @param latencyWarmup    W3/W5: how long the fixed-rate publisher and the tailing subscriptions run, unmeasured,
 *                         before the measured window (JIT and connection warm-up of the tail path, every system)
 */
public record BenchSettings(int payloadBytes, long w1Messages, long w2Messages, int w3Rate, Duration w3Duration,
                            int w5Rate, Duration w5Duration, int w5Subscriptions, int w6Topics, int w6PerTopic,
                            long w7Messages, int w7Topics, Duration workloadTimeout, long warmupMessages,
                            Duration latencyWarmup) {

    public BenchSettings {
        if (payloadBytes < 16) {
            throw new IllegalArgumentException("payload must be at least 16 bytes (it carries a send time)");
        }
        if (w1Messages < 1 || w2Messages < 1 || w3Rate < 1 || w5Rate < 1 || w5Subscriptions < 1 || w6Topics < 1
                || w6PerTopic < 1 || w7Messages < w7Topics || w7Topics < 1 || warmupMessages < 0
                || latencyWarmup.isNegative()) {
            throw new IllegalArgumentException("every count must be positive (and W7 messages >= W7 topics)");
        }
    }

    public static BenchSettings issue() {
        return new BenchSettings(100, 1_000_000, 200_000, 10_000, Duration.ofSeconds(20), 20_000,
                Duration.ofSeconds(10), 8, 1_000, 100, 10_000_000, 100, Duration.ofMinutes(10), 300_000,
                Duration.ofSeconds(5));
    }

    public static BenchSettings quick() {
        return new BenchSettings(100, 200_000, 50_000, 10_000, Duration.ofSeconds(5), 20_000,
                Duration.ofSeconds(5), 8, 1_000, 100, 1_000_000, 100, Duration.ofMinutes(5), 100_000,
                Duration.ofSeconds(2));
    }

    public BenchSettings withW1Messages(long n) {
        return new BenchSettings(payloadBytes, n, w2Messages, w3Rate, w3Duration, w5Rate, w5Duration,
                w5Subscriptions, w6Topics, w6PerTopic, w7Messages, w7Topics, workloadTimeout, warmupMessages,
                latencyWarmup);
    }

    public BenchSettings withW7Messages(long n) {
        return new BenchSettings(payloadBytes, w1Messages, w2Messages, w3Rate, w3Duration, w5Rate, w5Duration,
                w5Subscriptions, w6Topics, w6PerTopic, n, w7Topics, workloadTimeout, warmupMessages,
                latencyWarmup);
    }

    public BenchSettings withWarmupMessages(long n) {
        return new BenchSettings(payloadBytes, w1Messages, w2Messages, w3Rate, w3Duration, w5Rate, w5Duration,
                w5Subscriptions, w6Topics, w6PerTopic, w7Messages, w7Topics, workloadTimeout, n, latencyWarmup);
    }

    public BenchSettings withLatencyWarmup(Duration warmup) {
        return new BenchSettings(payloadBytes, w1Messages, w2Messages, w3Rate, w3Duration, w5Rate, w5Duration,
                w5Subscriptions, w6Topics, w6PerTopic, w7Messages, w7Topics, workloadTimeout, warmupMessages, warmup);
    }

    /** How many messages W3 publishes: rate × duration. */
    public long w3Messages() {
        return w3Rate * w3Duration.toSeconds();
    }

    public long w5Messages() {
        return w5Rate * w5Duration.toSeconds();
    }
}
