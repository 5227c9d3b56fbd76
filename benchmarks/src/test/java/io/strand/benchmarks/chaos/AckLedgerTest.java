package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.client.Durability;
import io.strand.client.PublishAck;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckLedgerTest {
    private final Violations violations = new Violations();
    private final AckLedger ledger = new AckLedger(violations);

    private static PublishAck ack(String topic, long offset, boolean duplicate) {
        return new PublishAck(topic, offset, Instant.EPOCH, Durability.FSYNC, duplicate);
    }

    @Test
    void recordsEveryAcknowledgementByOffset() {
        ledger.acked(new Payload.Origin(0, 0, "a"), 11, ack("a", 0, false));
        ledger.acked(new Payload.Origin(1, 0, "a"), 12, ack("a", 1, true));
        ledger.acked(new Payload.Origin(0, 1, "b"), 13, ack("b", 0, false));
        assertEquals(3, ledger.acked());
        assertEquals(2, ledger.ackedBy(0));
        assertEquals(1, ledger.retriesRecognised());
        assertEquals(Map.of(Durability.FSYNC, 3L), ledger.byDurability());
        Map<String, OffsetTable> snapshot = ledger.snapshot();
        assertEquals(12, snapshot.get("a").get(1).getAsLong());
        assertEquals(0, violations.total());
    }

    @Test
    void twoMessagesAcknowledgedAtOneOffsetConflict() {
        ledger.acked(new Payload.Origin(0, 0, "a"), 11, ack("a", 0, false));
        ledger.acked(new Payload.Origin(1, 0, "a"), 12, ack("a", 0, false));
        assertEquals(1, violations.count(Violation.ACK_CONFLICTS));
        assertEquals(1, ledger.acked());
    }

    @Test
    void anAcknowledgementOnAnotherTopicConflicts() {
        ledger.acked(new Payload.Origin(0, 0, "a"), 11, ack("b", 0, false));
        assertEquals(1, violations.count(Violation.ACK_CONFLICTS));
    }

    @Test
    void aFailedSendIsCounted() {
        ledger.failed(new Payload.Origin(0, 4, "a"), new RuntimeException("timeout"));
        assertEquals(1, ledger.failed());
        assertEquals(1, violations.count(Violation.SEND_FAILURES));
    }
}
