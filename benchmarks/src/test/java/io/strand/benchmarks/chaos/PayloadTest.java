package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void aPayloadNamesItsPublisherSequenceAndTopic() {
        Payload.Origin origin = new Payload.Origin(7, 123_456_789L, "chaos.t3");
        byte[] bytes = Payload.encode(origin, 100, new SplittableRandom(1));
        assertEquals(Optional.of(origin), Payload.decode(bytes));
    }

    @Test
    void anyFlippedByteMakesThePayloadUnrecognisable() {
        byte[] bytes = Payload.encode(new Payload.Origin(1, 2, "chaos.t0"), 40, new SplittableRandom(2));
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x10;
            assertEquals(Optional.empty(), Payload.decode(damaged), "flipped byte " + i);
        }
    }

    @Test
    void truncatedOrForeignBytesAreNotPayloads() {
        byte[] bytes = Payload.encode(new Payload.Origin(1, 2, "chaos.t0"), 40, new SplittableRandom(3));
        assertEquals(Optional.empty(), Payload.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertEquals(Optional.empty(), Payload.decode("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), Payload.decode(new byte[0]));
    }

    @Test
    void theKeyTellsEveryPublisherAndSequenceApart() {
        assertNotEquals(new Payload.Origin(1, 0, "t").key(), new Payload.Origin(0, 1, "t").key());
        assertEquals(new Payload.Origin(3, 9, "a").key(), new Payload.Origin(3, 9, "b").key());
        assertThrows(IllegalArgumentException.class,
                () -> Payload.encode(new Payload.Origin(1, 1L << 40, "t"), 0, new SplittableRandom(4)));
    }

    @Test
    void fingerprintsDifferWhenPayloadsDo() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] a = Payload.encode(new Payload.Origin(1, 1, "t"), 8, random);
        byte[] b = Payload.encode(new Payload.Origin(1, 2, "t"), 8, random);
        assertNotEquals(Payload.fingerprint(a), Payload.fingerprint(b));
        assertEquals(Payload.fingerprint(a), Payload.fingerprint(a.clone()));
        assertTrue(a.length >= 8);
    }
}
