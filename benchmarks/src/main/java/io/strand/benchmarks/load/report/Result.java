package io.strand.benchmarks.load.report;

import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.Workload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One workload's outcome on one system in one durability mode. Immutable.
 *
 * @param msgs       messages the workload moved (published, or delivered for W5)
 * @param msgsPerSec throughput, when the workload measures one
 * @param mbPerSec   payload megabytes (10^6 bytes) per second, with msgsPerSec
 * @param latency    end-to-end latency, when the workload measures it
 * @param extras     further numbers, printed after the fixed keys in this order (e.g. {@code seconds},
 *                   {@code disk_bytes}, {@code restart_ms})
 * @param error      why the workload failed; the numbers are then not meaningful
 */
public record Result(String system, Workload workload, Mode mode, long msgs, OptionalDouble msgsPerSec,
                     OptionalDouble mbPerSec, Optional<LatencySummary> latency, Map<String, Number> extras,
                     Optional<String> error) {

    public Result {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(msgsPerSec, "msgsPerSec");
        Objects.requireNonNull(mbPerSec, "mbPerSec");
        Objects.requireNonNull(latency, "latency");
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        Objects.requireNonNull(error, "error");
    }

    /** A throughput result: {@code msgs} of {@code payloadBytes} each in {@code seconds}. */
    public static Result throughput(String system, Workload workload, Mode mode, long msgs, int payloadBytes,
                                    double seconds) {
        double rate = msgs / seconds;
        return new Result(system, workload, mode, msgs, OptionalDouble.of(rate),
                OptionalDouble.of(rate * payloadBytes / 1e6), Optional.empty(), Map.of("seconds", seconds),
                Optional.empty());
    }

    public static Result failed(String system, Workload workload, Mode mode, String why) {
        return new Result(system, workload, mode, 0, OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty(), Map.of(), Optional.of(why));
    }

    public Result withLatency(LatencySummary summary) {
        return new Result(system, workload, mode, msgs, msgsPerSec, mbPerSec, Optional.of(summary), extras, error);
    }

    /** This result with {@code key} added to (or replaced in) its extras. */
    public Result withExtra(String key, Number value) {
        Map<String, Number> more = new LinkedHashMap<>(extras);
        more.put(key, value);
        return new Result(system, workload, mode, msgs, msgsPerSec, mbPerSec, latency, more, error);
    }

    public boolean failed() {
        return error.isPresent();
    }

    public OptionalDouble extra(String key) {
        Number n = extras.get(key);
        return n == null ? OptionalDouble.empty() : OptionalDouble.of(n.doubleValue());
    }
}
