package io.strand.broker.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofMillis(1000);

    @Test
    void delaysDoubleUpToTheCapWithJitterInTheUpperHalf() {
        Backoff lowest = new Backoff(INITIAL, MAX, bound -> 0);
        Backoff highest = new Backoff(INITIAL, MAX, bound -> bound - 1);

        assertEquals(Duration.ofMillis(50), lowest.delay(1));
        assertEquals(Duration.ofMillis(100), highest.delay(1));
        assertEquals(Duration.ofMillis(200), highest.delay(2));
        assertEquals(Duration.ofMillis(400), highest.delay(3));
        assertEquals(Duration.ofMillis(800), highest.delay(4));
        assertEquals(Duration.ofMillis(1000), highest.delay(5));
        assertEquals(Duration.ofMillis(1000), highest.delay(1_000_000));
        assertEquals(Duration.ofMillis(500), lowest.delay(1_000_000));
    }
}
