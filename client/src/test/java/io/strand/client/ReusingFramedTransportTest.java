package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

/** The reusing transport writes exactly the framed wire format, however many frames and however large. */
class ReusingFramedTransportTest {

    private static final int MAX_FRAME = 16 << 20;

    @Test
    void framesInSequenceReadBackByLibthriftsFramedTransport() throws Exception {
        TMemoryBuffer wire = new TMemoryBuffer(new TConfiguration(MAX_FRAME, MAX_FRAME, 64), 1024);
        ReusingFramedTransport writer = new ReusingFramedTransport(wire, MAX_FRAME);
        byte[] large = new byte[ReusingFramedTransport.RETAINED_MAX_BYTES + 12345];
        Arrays.fill(large, (byte) 7);
        large[large.length - 1] = 9;
        byte[][] frames = {
            "first".getBytes(StandardCharsets.UTF_8),
            new byte[3000], // grows the buffer past its initial size
            "after growth".getBytes(StandardCharsets.UTF_8),
            large, // beyond what is retained
            new byte[0],
            "after release".getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] frame : frames) {
            // written in two pieces, as a protocol does field by field
            writer.write(frame, 0, frame.length / 2);
            writer.write(frame, frame.length / 2, frame.length - frame.length / 2);
            writer.flush();
        }

        // The wire format: per frame, its length as 4 bytes big-endian, then the frame.
        ByteBuffer written = ByteBuffer.wrap(wire.getArray(), 0, wire.length());
        for (byte[] frame : frames) {
            assertEquals(frame.length, written.getInt());
            byte[] got = new byte[frame.length];
            written.get(got);
            assertArrayEquals(frame, got);
        }
        assertEquals(0, written.remaining(), "nothing written beyond the frames");
    }
}
