package io.strand.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimedSinkTest {

    @Test
    void warmUpMessagesCountAsReceivedButAreNotMeasured() {
        byte[] template = Payloads.filler(100);
        long windowStart = System.nanoTime();
        TimedSink sink = new TimedSink();
        sink.measureFrom(windowStart);

        sink.accept(Payloads.timed(template, windowStart - 1_000_000));
        sink.accept(Payloads.timed(template, windowStart - 1));
        sink.accept(Payloads.timed(template, windowStart));
        sink.accept(Payloads.timed(template, windowStart + 1));

        assertEquals(4, sink.received());
        assertEquals(2, sink.measured());
        assertEquals(2, sink.recorder.count());
    }
}
