package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The audit's rules against logs made up in memory: each broken promise must be found, and a sound log must pass. */
class LogAuditTest {
    private static final String T = "chaos.t0";

    private final Violations violations = new Violations();
    private final SplittableRandom random = new SplittableRandom(11);
    private final List<byte[]> log = new ArrayList<>();
    private final Map<String, OffsetTable> acks = new HashMap<>();
    /** Offsets the fake reader pretends are absent. */
    private final List<Long> holes = new ArrayList<>();

    private final LogReader reader = new LogReader() {
        @Override
        public Bounds bounds(String topic) {
            return new Bounds(0, topic.equals(T) ? log.size() : 0);
        }

        @Override
        public List<Stored> read(String topic, long offset, int maxMessages) {
            List<Stored> out = new ArrayList<>();
            for (long o = offset; o < log.size() && out.size() < maxMessages; o++) {
                if (!holes.contains(o)) {
                    out.add(new Stored(o, log.get((int) o)));
                }
            }
            return out;
        }
    };

    private byte[] payload(int publisher, long sequence) {
        return Payload.encode(new Payload.Origin(publisher, sequence, T), 10, random);
    }

    /** Appends a payload and acknowledges it at its offset. */
    private void appendAcked(byte[] payload) {
        acks.computeIfAbsent(T, t -> new OffsetTable()).put(log.size(), Payload.fingerprint(payload));
        log.add(payload);
    }

    private LogImage audit() {
        return new LogAudit(reader, violations, Duration.ofSeconds(30)).audit(List.of(T), acks);
    }

    @Test
    void aSoundLogPassesAndIsImaged() {
        for (int i = 0; i < 2 * LogAudit.READ_BATCH + 5; i++) {
            appendAcked(payload(i % 3, i));
        }
        LogImage image = audit();
        assertEquals(0, violations.total(), violations.examples().toString());
        assertEquals(log.size(), image.messages());
        assertEquals(log.size(), image.end(T));
        assertEquals(Payload.fingerprint(log.get(17)), image.fingerprint(T, 17).getAsLong());
    }

    @Test
    void unacknowledgedMessagesInTheLogAreFine() {
        appendAcked(payload(0, 0));
        log.add(payload(0, 1));
        appendAcked(payload(0, 2));
        audit();
        assertEquals(0, violations.total(), violations.examples().toString());
    }

    @Test
    void anAcknowledgedMessageBeyondTheEndIsLost() {
        appendAcked(payload(0, 0));
        appendAcked(payload(0, 1));
        log.remove(1);
        audit();
        assertEquals(1, violations.count(Violation.LOST));
    }

    @Test
    void anAcknowledgedOffsetHoldingAnotherPayloadIsLost() {
        appendAcked(payload(0, 0));
        appendAcked(payload(0, 1));
        log.set(1, payload(1, 1));
        audit();
        assertEquals(1, violations.count(Violation.LOST));
    }

    @Test
    void theSameSendStoredTwiceIsADuplicate() {
        byte[] once = payload(2, 5);
        appendAcked(once);
        log.add(once.clone());
        audit();
        assertEquals(1, violations.count(Violation.DUPLICATED));
        assertEquals(1, violations.total(), "a copy is a duplicate, not also a reordering");
    }

    @Test
    void aMissingOffsetIsAGapAndItsAcknowledgedMessageIsLost() {
        for (int i = 0; i < 5; i++) {
            appendAcked(payload(0, i));
        }
        holes.add(2L);
        audit();
        assertEquals(1, violations.count(Violation.GAPS));
        assertEquals(1, violations.count(Violation.LOST));
    }

    @Test
    void bytesThatAreNotAPayloadOfTheTopicAreCorrupt() {
        appendAcked(payload(0, 0));
        log.add(new byte[] {1, 2, 3});
        log.add(Payload.encode(new Payload.Origin(0, 9, "chaos.other"), 4, random));
        audit();
        assertEquals(2, violations.count(Violation.CORRUPT));
    }

    @Test
    void aPublishersMessagesOutOfSendOrderAreReordered() {
        appendAcked(payload(0, 1));
        appendAcked(payload(0, 0));
        audit();
        assertEquals(1, violations.count(Violation.REORDERED));
    }

    @Test
    void repeatedAuditsCountAViolationOnce() {
        appendAcked(payload(0, 0));
        appendAcked(payload(0, 1));
        log.remove(1);
        audit();
        audit();
        assertEquals(1, violations.count(Violation.LOST));
    }
}
