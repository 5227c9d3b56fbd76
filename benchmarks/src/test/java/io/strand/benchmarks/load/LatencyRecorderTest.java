package io.strand.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.load.report.LatencySummary;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void scheduleSpacesMessagesEvenlyFromItsStart() {
        FixedRateSchedule schedule = new FixedRateSchedule(1_000, 10_000);

        assertEquals(1_000, schedule.intendedNanos(0));
        assertEquals(1_000 + 100_000, schedule.intendedNanos(1));
        assertEquals(1_000 + 2_000_000_000L, schedule.intendedNanos(20_000));
    }

    /**
     * 1,000 msgs/s for 100 ms; the system stalls from 10 ms to 70 ms, so the 60 messages meant for that
     * window all arrive at 70 ms. Measured from intended send times, each is charged what it waited
     * (1–60 ms): p99 shows the stall. Measured from when a blocked publisher actually got to send
     * them (all at 70 ms), only one message would look slow — coordinated omission.
     */
    @Test
    void latencyFromIntendedSendTimeChargesEveryMessageAStallDelayed() {
        FixedRateSchedule schedule = new FixedRateSchedule(0, 1_000);
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 100; i++) {
            long intended = schedule.intendedNanos(i);
            long received = (i >= 10 && i < 70) ? 70 * MS : intended + MS / 10;
            recorder.record(intended, received);
        }

        LatencySummary s = recorder.summary();

        assertEquals(100, s.count());
        assertTrue(s.p99Us() >= 59_000 && s.p99Us() <= 60_100, "p99 " + s.p99Us());
        assertTrue(s.p50Us() >= 1_000, "most messages waited in the stall: p50 " + s.p50Us());
        assertTrue(s.maxUs() >= 59_900 && s.maxUs() <= 60_100, "max " + s.maxUs());
    }

    @Test
    void payloadCarriesTheIntendedTime() {
        byte[] template = Payloads.filler(100);
        byte[] timed = Payloads.timed(template, 123_456_789L);

        assertEquals(123_456_789L, Payloads.intendedNanos(timed));
        assertEquals(0L, Payloads.intendedNanos(template), "the template is not modified");
        assertEquals(100, timed.length);
    }

    @Test
    void mergeAddsEverySubscriptionsLatencies() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(0, 1_000 * MS / 1_000);
        b.record(0, 5 * MS);
        b.record(0, 5 * MS);

        LatencySummary merged = LatencyRecorder.merged(List.of(a, b));

        assertEquals(3, merged.count());
        assertTrue(merged.maxUs() >= 4_995 && merged.maxUs() <= 5_005, "max " + merged.maxUs());
    }
}
