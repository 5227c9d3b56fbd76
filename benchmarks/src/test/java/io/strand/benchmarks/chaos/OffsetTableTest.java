package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OffsetTableTest {

    @Test
    void holdsValuesPastItsInitialSizeAndKnowsItsHoles() {
        OffsetTable t = new OffsetTable();
        t.put(0, 5);
        t.put(5000, 7);
        assertEquals(OptionalLong.of(7), t.get(5000));
        assertEquals(OptionalLong.empty(), t.get(4999));
        assertEquals(OptionalLong.empty(), t.get(6000));
        assertEquals(5001, t.limit());
        assertEquals(2, t.size());
        assertEquals(1, t.firstMissingBelow(5001));
        assertEquals(1, t.firstMissingBelow(1));
        assertEquals(0, new OffsetTable().firstMissingBelow(3));
        assertTrue(t.has(0));
        assertFalse(t.has(1));
    }

    @Test
    void aCopyIsIndependent() {
        OffsetTable t = new OffsetTable();
        t.put(1, 1);
        OffsetTable c = t.copy();
        t.put(2, 2);
        assertFalse(c.has(2));
        List<Long> seen = new ArrayList<>();
        t.forEach((o, v) -> seen.add(o * 10 + v));
        assertEquals(List.of(11L, 22L), seen);
    }
}
