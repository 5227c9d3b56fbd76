package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResponseBufferTest {

    @Test
    void keepsEveryByteWrittenAcrossGrowth() {
        ResponseBuffer buffer = new ResponseBuffer(8, 32);
        byte[] expected = new byte[1000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        for (int off = 0; off < expected.length; off += 7) {
            buffer.write(expected, off, Math.min(7, expected.length - off));
        }
        assertEquals(1000, buffer.length());
        assertArrayEquals(expected, Arrays.copyOf(buffer.array(), buffer.length()));
    }

    /** The transport charges the memory budget with capacityAfter before writing: it must be exact. */
    @Test
    void growsToExactlyWhatCapacityAfterAnnounced() {
        ResponseBuffer buffer = new ResponseBuffer(8, 32);
        assertEquals(8, buffer.capacityAfter(8));
        assertEquals(16, buffer.capacityAfter(9), "doubles when that is enough");
        assertEquals(100, buffer.capacityAfter(100), "grows to what is needed when doubling is not");
        buffer.write(new byte[100], 0, 100);
        assertEquals(100, buffer.capacity());
        long announced = buffer.capacityAfter(1);
        buffer.write(new byte[1], 0, 1);
        assertEquals(announced, buffer.capacity());
    }

    @Test
    void clearKeepsASmallArrayAndDropsALargeOne() {
        ResponseBuffer buffer = new ResponseBuffer(8, 32);
        buffer.write(new byte[20], 0, 20);
        buffer.clear();
        assertEquals(0, buffer.length());
        assertEquals(20, buffer.capacity(), "a buffer within the retained size is kept for the next response");
        buffer.write(new byte[40], 0, 40);
        buffer.clear();
        assertEquals(8, buffer.capacity(), "a larger one is let go, so an idle connection stays small");
    }
}
