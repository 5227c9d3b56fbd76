package io.strand.benchmarks.chaos;

import io.strand.client.Durability;
import io.strand.client.PublishAck;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Everything the broker acknowledged: per topic and offset, the fingerprint and origin of the message
 * the acknowledgement was for. This is the promise the log is checked against.
 *
 * <p>Also counts what acknowledgements said about themselves: {@link PublishAck#duplicate()} (the broker
 * recognised an idempotent retry and returned the original offset) and the durability reached.
 *
 * <p>Thread-safe: publishers' sender threads record, the run's thread takes snapshots.
 */
final class AckLedger {
    private final Violations violations;
    private final Map<String, OffsetTable> fingerprints = new HashMap<>();
    private final Map<String, OffsetTable> origins = new HashMap<>();
    private final Map<Integer, Long> ackedByPublisher = new HashMap<>();
    private final Map<Durability, Long> byDurability = new EnumMap<>(Durability.class);
    private long acked;
    private long retriesRecognised;
    private long failed;

    AckLedger(Violations violations) {
        this.violations = violations;
    }

    synchronized void acked(Payload.Origin origin, long fingerprint, PublishAck ack) {
        String where = ack.topic() + "@" + ack.offset();
        if (!ack.topic().equals(origin.topic())) {
            violations.report(Violation.ACK_CONFLICTS, where, origin + " was sent to " + origin.topic()
                    + " but acknowledged on " + where);
            return;
        }
        OffsetTable owners = origins.computeIfAbsent(ack.topic(), t -> new OffsetTable());
        OptionalLong owner = owners.get(ack.offset());
        if (owner.isPresent() && owner.getAsLong() != origin.key()) {
            violations.report(Violation.ACK_CONFLICTS, where, "two different messages acknowledged at " + where
                    + " (the second is " + origin + ")");
            return;
        }
        owners.put(ack.offset(), origin.key());
        fingerprints.computeIfAbsent(ack.topic(), t -> new OffsetTable()).put(ack.offset(), fingerprint);
        acked++;
        ackedByPublisher.merge(origin.publisher(), 1L, Long::sum);
        byDurability.merge(ack.durability(), 1L, Long::sum);
        if (ack.duplicate()) {
            retriesRecognised++;
        }
    }

    /** A send that failed for good: nothing was promised, but with the broker back it should not happen. */
    synchronized void failed(Payload.Origin origin, Throwable cause) {
        failed++;
        violations.report(Violation.SEND_FAILURES, origin.publisher() + ":" + origin.sequence(),
                origin + " to " + origin.topic() + " failed: " + cause);
    }

    synchronized long acked() {
        return acked;
    }

    synchronized long ackedBy(int publisher) {
        return ackedByPublisher.getOrDefault(publisher, 0L);
    }

    /** Acknowledgements flagged duplicate: idempotent retries the broker recognised. */
    synchronized long retriesRecognised() {
        return retriesRecognised;
    }

    synchronized long failed() {
        return failed;
    }

    synchronized Map<Durability, Long> byDurability() {
        return new EnumMap<>(byDurability);
    }

    /** A copy of every acknowledgement so far: topic → offset → fingerprint. */
    synchronized Map<String, OffsetTable> snapshot() {
        Map<String, OffsetTable> copy = new HashMap<>();
        fingerprints.forEach((topic, table) -> copy.put(topic, table.copy()));
        return copy;
    }
}
