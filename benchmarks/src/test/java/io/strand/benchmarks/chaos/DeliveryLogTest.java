package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {
    private final Violations violations = new Violations();
    private final DeliveryLog log = new DeliveryLog("sub", violations);

    private void deliver(String topic, long from, long to) {
        for (long o = from; o < to; o++) {
            log.delivered(topic, o, 1000 + o);
        }
    }

    @Test
    void anInOrderStreamPerTopicIsClean() {
        deliver("a", 0, 5);
        deliver("b", 0, 3);
        deliver("a", 5, 10);
        assertEquals(0, violations.total());
        assertTrue(log.sawAllBelow("a", 10));
        assertTrue(log.sawAllBelow("b", 3));
        assertFalse(log.sawAllBelow("b", 4));
        assertEquals(OptionalLong.of(1007), log.seen("a", 7));
    }

    @Test
    void aRewindToACommittedOffsetIsAllowedAndCountedAsRedelivery() {
        deliver("a", 0, 10);
        deliver("a", 6, 12);
        assertEquals(0, violations.total(), violations.examples().toString());
        assertEquals(4, log.redeliveries());
        assertEquals(16, log.deliveries());
    }

    @Test
    void skippingAheadBreaksTheOrderPromise() {
        deliver("a", 0, 3);
        log.delivered("a", 5, 1005);
        log.delivered("a", 3, 1003);
        assertEquals(1, violations.count(Violation.REORDERED));
        assertFalse(log.sawAllBelow("a", 6));
    }

    @Test
    void aStreamThatDoesNotStartAtZeroSkippedMessages() {
        log.delivered("a", 1, 1001);
        assertEquals(1, violations.count(Violation.REORDERED));
    }

    @Test
    void aRedeliveryWithOtherBytesIsAMismatch() {
        deliver("a", 0, 3);
        log.delivered("a", 2, 99);
        assertEquals(1, violations.count(Violation.MISMATCHED));
    }
}
