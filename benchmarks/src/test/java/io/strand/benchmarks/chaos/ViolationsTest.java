package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void eachKeyCountsOnceAndKindsCountApart() {
        Violations v = new Violations();
        v.report(Violation.LOST, "t@1", "first");
        v.report(Violation.LOST, "t@1", "again");
        v.report(Violation.LOST, "t@2", "second");
        v.report(Violation.GAPS, "t@1", "a gap");
        assertEquals(2, v.count(Violation.LOST));
        assertEquals(1, v.count(Violation.GAPS));
        assertEquals(3, v.total());
        assertEquals(3, v.examples().size());
        assertEquals("lost: first", v.examples().get(0));
    }

    @Test
    void examplesAreBounded() {
        Violations v = new Violations();
        for (int i = 0; i < 100; i++) {
            v.report(Violation.DUPLICATED, "k" + i, "d" + i);
        }
        assertEquals(100, v.count(Violation.DUPLICATED));
        assertEquals(Violations.EXAMPLES, v.examples().size());
    }
}
