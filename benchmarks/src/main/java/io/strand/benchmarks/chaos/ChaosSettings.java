package io.strand.benchmarks.chaos;

import io.strand.client.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a chaos run is told. Immutable; build with {@link #builder(String)}.
 *
 * @param cycles                  kill-and-restart cycles
 * @param durability              the broker's {@code --durability}
 * @param topics                  topics published to ({@code chaos.t0} ...)
 * @param publishers              publishers, each with its own client
 * @param idempotent              whether publishers are idempotent (always, except to show that the
 *                                checks catch the duplicates a non-idempotent retry makes)
 * @param seed                    seeds topic choice, payloads and kill timing
 * @param ratePerPublisher        messages per second each publisher sends
 * @param minPayloadBytes         smallest random filler of a payload
 * @param maxPayloadBytes         largest random filler of a payload
 * @param maxInFlightPerPublisher sends a publisher may have unacknowledged at once
 * @param minUp                   shortest time the broker runs under load before it is killed
 * @param maxUp                   longest such time (the delay is uniform between the two)
 * @param maxDown                 longest time the broker stays dead before the restart (uniform from 0)
 * @param reconnectTimeout        how long every client may take to make progress again after a restart
 * @param drainTimeout            at the end, how long subscribers may take to see everything
 * @param commitInterval          the pull subscribers' {@code auto.commit.interval.ms}
 * @param workDir                 where data and logs go (default: a new temporary directory)
 * @param keepData                keep the work directory even after a clean run
 * @param brokerClassPath         class path of the broker JVM (must hold {@code io.strand.broker.BrokerMain})
 * @param brokerJvmOptions        options of the broker JVM, e.g. {@code -Xmx256m}
 */
record ChaosSettings(int cycles, Durability durability, int topics, int publishers, boolean idempotent, long seed,
                     int ratePerPublisher,
                     int minPayloadBytes, int maxPayloadBytes, int maxInFlightPerPublisher, Duration minUp,
                     Duration maxUp, Duration maxDown, Duration reconnectTimeout, Duration drainTimeout,
                     Duration commitInterval, Optional<Path> workDir, boolean keepData, String brokerClassPath,
                     List<String> brokerJvmOptions) {

    ChaosSettings {
        requireRange(cycles, 1, 10_000, "cycles");
        Objects.requireNonNull(durability, "durability");
        requireRange(topics, 1, 100, "topics");
        requireRange(publishers, 1, 64, "publishers");
        requireRange(ratePerPublisher, 1, 100_000, "rate");
        requireRange(minPayloadBytes, 0, 1 << 20, "min payload bytes");
        requireRange(maxPayloadBytes, minPayloadBytes, 1 << 20, "max payload bytes");
        requireRange(maxInFlightPerPublisher, 1, 1_000_000, "max in-flight");
        requirePositive(minUp, "min up");
        requirePositive(maxUp, "max up");
        if (maxUp.compareTo(minUp) < 0) {
            throw new IllegalArgumentException("max up (" + maxUp + ") is below min up (" + minUp + ")");
        }
        Objects.requireNonNull(maxDown, "max down");
        if (maxDown.isNegative()) {
            throw new IllegalArgumentException("max down must be >= 0");
        }
        requirePositive(reconnectTimeout, "reconnect timeout");
        requirePositive(drainTimeout, "drain timeout");
        requirePositive(commitInterval, "commit interval");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(brokerClassPath, "brokerClassPath");
        if (brokerClassPath.isBlank()) {
            throw new IllegalArgumentException("the broker class path is empty");
        }
        brokerJvmOptions = List.copyOf(brokerJvmOptions);
    }

    /** The topics of the run, {@code chaos.t0} .. {@code chaos.t<topics-1>}. */
    List<String> topicNames() {
        return java.util.stream.IntStream.range(0, topics).mapToObj(i -> "chaos.t" + i).toList();
    }

    /** The subscription pattern that covers exactly {@link #topicNames()}. */
    static String topicPattern() {
        return "chaos.*";
    }

    /**
     * A bound on the whole run, so that no loop of it can run forever: every cycle at its longest plus a
     * minute of slack per cycle for restarts and audits, plus the drain.
     */
    Duration maxRunTime() {
        Duration perCycle = maxUp.plus(maxDown).plus(reconnectTimeout).plus(Duration.ofMinutes(1));
        return perCycle.multipliedBy(cycles).plus(drainTimeout).plus(Duration.ofMinutes(2));
    }

    private static void requireRange(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    /** The defaults of {@code ./strand chaos}, with the broker started from {@code brokerClassPath}. */
    static Builder builder(String brokerClassPath) {
        return new Builder(brokerClassPath);
    }

    /** Mutable builder; not thread-safe. */
    static final class Builder {
        private int cycles = 20;
        private Durability durability = Durability.FSYNC;
        private int topics = 4;
        private int publishers = 4;
        private boolean idempotent = true;
        private long seed = 1;
        private int ratePerPublisher = 1000;
        private int minPayloadBytes = 16;
        private int maxPayloadBytes = 512;
        private int maxInFlightPerPublisher = 20_000;
        private Duration minUp = Duration.ofSeconds(1);
        private Duration maxUp = Duration.ofSeconds(4);
        private Duration maxDown = Duration.ofMillis(500);
        private Duration reconnectTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(60);
        private Duration commitInterval = Duration.ofMillis(200);
        private Path workDir;
        private boolean keepData;
        private final String brokerClassPath;
        private List<String> brokerJvmOptions = List.of("-Xmx256m");

        private Builder(String brokerClassPath) {
            this.brokerClassPath = brokerClassPath;
        }

        Builder cycles(int cycles) {
            this.cycles = cycles;
            return this;
        }

        Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        Builder topics(int topics) {
            this.topics = topics;
            return this;
        }

        Builder publishers(int publishers) {
            this.publishers = publishers;
            return this;
        }

        Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        Builder ratePerPublisher(int rate) {
            this.ratePerPublisher = rate;
            return this;
        }

        Builder payloadBytes(int min, int max) {
            this.minPayloadBytes = min;
            this.maxPayloadBytes = max;
            return this;
        }

        Builder maxInFlightPerPublisher(int max) {
            this.maxInFlightPerPublisher = max;
            return this;
        }

        Builder upTime(Duration min, Duration max) {
            this.minUp = min;
            this.maxUp = max;
            return this;
        }

        Builder maxDown(Duration maxDown) {
            this.maxDown = maxDown;
            return this;
        }

        Builder reconnectTimeout(Duration timeout) {
            this.reconnectTimeout = timeout;
            return this;
        }

        Builder drainTimeout(Duration timeout) {
            this.drainTimeout = timeout;
            return this;
        }

        Builder commitInterval(Duration interval) {
            this.commitInterval = interval;
            return this;
        }

        Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        Builder keepData(boolean keep) {
            this.keepData = keep;
            return this;
        }

        Builder brokerJvmOptions(List<String> options) {
            this.brokerJvmOptions = options;
            return this;
        }

        ChaosSettings build() {
            return new ChaosSettings(cycles, durability, topics, publishers, idempotent, seed, ratePerPublisher,
                    minPayloadBytes,
                    maxPayloadBytes, maxInFlightPerPublisher, minUp, maxUp, maxDown, reconnectTimeout, drainTimeout,
                    commitInterval, Optional.ofNullable(workDir), keepData, brokerClassPath, brokerJvmOptions);
        }
    }
}
