package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.StrandException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Small pieces of the client whose contract is easy to state: addresses, backoff, error mapping, acks. */
class UnitValuesTest {

    @Test
    void parsesBrokerAddresses() {
        assertEquals(new BrokerAddress("example.org", 9090), BrokerAddress.parse("example.org"));
        assertEquals(new BrokerAddress("10.0.0.1", 1234), BrokerAddress.parse("10.0.0.1:1234"));
        assertEquals(new BrokerAddress("::1", 7000), BrokerAddress.parse("[::1]:7000"));
        assertEquals("[::1]:7000", BrokerAddress.parse("[::1]:7000").toString());
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("host:port"));
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse("host:70000"));
    }

    @Test
    void backoffDoublesWithJitterAndStaysUnderItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (int i = 0; i < 50; i++) {
            long first = backoff.delay(1).toMillis();
            assertTrue(first >= 80 && first <= 120, "first delay " + first);
            long third = backoff.delay(3).toMillis();
            assertTrue(third >= 320 && third <= 480, "third delay " + third);
            assertTrue(backoff.delay(40).toMillis() <= 2000);
        }
    }

    @ParameterizedTest
    @EnumSource(io.strand.api.ErrorCode.class)
    void everyWireCodeMapsToTheSameClientCodeAndRetriableExactlyForTheRetriableOnes(io.strand.api.ErrorCode wire) {
        StrandClientException e = Errors.fromWire(new StrandException(wire, "detail"));
        assertEquals(wire.name(), e.code().name());
        assertEquals("detail", e.detail());
        boolean retriable = wire == io.strand.api.ErrorCode.UNAVAILABLE || wire == io.strand.api.ErrorCode.TIMEOUT
                || wire == io.strand.api.ErrorCode.STORAGE_UNAVAILABLE;
        assertEquals(retriable, e instanceof Retriable, wire.name());
    }

    @Test
    void typedExceptionsCarryWhatCallersBranchOn() {
        StrandException wire = new StrandException(io.strand.api.ErrorCode.OFFSET_OUT_OF_RANGE, "below start");
        wire.setLogStartOffset(5);
        wire.setLogEndOffset(9);
        OffsetOutOfRangeException e = assertInstanceOf(OffsetOutOfRangeException.class, Errors.fromWire(wire));
        assertEquals(5, e.logStartOffset().getAsLong());
        assertEquals(9, e.logEndOffset().getAsLong());
        assertInstanceOf(SessionFencedException.class,
                Errors.fromWire(new StrandException(io.strand.api.ErrorCode.SESSION_FENCED, "x")));
        StrandClientException lost = Errors.fromThrift(new TTransportException("reset"), BrokerAddress.DEFAULT);
        assertInstanceOf(ConnectionException.class, lost);
        assertInstanceOf(Retriable.class, lost);
    }

    @Test
    void ackTrackerCountsUnackedCumulativelyAndIgnoresAcksFromBeforeASeek() {
        AckTracker tracker = new AckTracker();
        ReceivedMessage m0 = message("t", 0, tracker.epoch());
        ReceivedMessage m1 = message("t", 1, tracker.epoch());
        ReceivedMessage m2 = message("t", 2, tracker.epoch());
        tracker.delivered(m0);
        tracker.delivered(m1);
        tracker.delivered(m2);
        assertEquals(3, tracker.unacked());
        tracker.ack(m1);
        assertEquals(1, tracker.unacked());
        assertEquals(Map.of("t", 2L), tracker.toCommit());
        tracker.committed("t", 2);
        assertTrue(tracker.toCommit().isEmpty());
        assertTrue(tracker.alreadyAcked("t", 1));
        assertFalse(tracker.alreadyAcked("t", 2));

        tracker.seeked(java.util.Optional.of("t"));
        tracker.ack(m2); // delivered before the seek: must not move the cursor forward again
        assertTrue(tracker.toCommit().isEmpty());
        assertFalse(tracker.alreadyAcked("t", 0));
    }

    @Test
    void aNewSessionRecommitsWhatWasAcknowledged() {
        AckTracker tracker = new AckTracker();
        ReceivedMessage m = message("t", 4, tracker.epoch());
        tracker.delivered(m);
        tracker.ack(m);
        tracker.committed("t", 3);
        tracker.newSession(Map.of("t", 3L));
        assertEquals(Map.of("t", 5L), tracker.toCommit(), "acked past what the broker has: commit again");
        assertEquals(0, tracker.unacked());
    }

    @Test
    void aPositionMovedBackWhileAwayIsForgottenNotRecommitted() {
        AckTracker tracker = new AckTracker();
        ReceivedMessage m = message("t", 9, tracker.epoch());
        tracker.delivered(m);
        tracker.ack(m);
        tracker.committed("t", 10);
        tracker.newSession(Map.of("t", 0L)); // an admin seek to 0 happened meanwhile
        assertTrue(tracker.toCommit().isEmpty(), "re-committing 10 would undo the seek");
        assertFalse(tracker.alreadyAcked("t", 3), "the replayed messages must be delivered");
    }

    @Test
    void anOffsetBelowWhatThisSessionDeliveredMeansTheTopicWasRewound() {
        AckTracker tracker = new AckTracker();
        long epoch = tracker.beforeDelivery("t", 5);
        ReceivedMessage m = message("t", 5, epoch);
        tracker.delivered(m);
        tracker.ack(m);
        long after = tracker.beforeDelivery("t", 0); // a seek (or a re-created topic) in the middle of a session
        assertTrue(after > epoch);
        assertFalse(tracker.alreadyAcked("t", 0));
        assertTrue(tracker.toCommit().isEmpty());
    }

    @Test
    void messagesCopyTheirBytes() {
        byte[] data = {1, 2, 3};
        Message m = Message.builder("t").data(data).key("k").header("h", "v").build();
        data[0] = 9;
        assertEquals(1, m.data()[0]);
        m.data()[1] = 9;
        assertEquals(2, m.data()[1]);
        assertEquals("k", new String(m.key().orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> Message.of("", "x"));
    }

    private static ReceivedMessage message(String topic, long offset, long epoch) {
        return new ReceivedMessage(topic, offset, Instant.EPOCH, new byte[0], null, Map.of(), epoch);
    }
}
