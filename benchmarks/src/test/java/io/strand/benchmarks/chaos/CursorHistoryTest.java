package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorHistoryTest {
    private final Violations violations = new Violations();
    private final CursorHistory history = new CursorHistory(violations);

    @Test
    void cursorsThatStayOrMoveForwardAreFine() {
        history.observe("s", "t", 0, 10);
        history.observe("s", "t", 5, 10);
        history.observe("s", "t", 5, 12);
        history.observe("s", "u", 1, 1);
        assertEquals(0, violations.total());
        assertEquals(Map.of("s:t", 5L, "s:u", 1L), history.highest());
        assertEquals(4, history.observations());
    }

    @Test
    void aCursorSeenLowerThanBeforeRegressed() {
        history.observe("s", "t", 7, 10);
        history.observe("s", "t", 3, 10);
        history.observe("s", "t", 3, 10);
        assertEquals(1, violations.count(Violation.CURSOR_REGRESSIONS));
        assertEquals(7L, history.highest().get("s:t"));
    }

    @Test
    void aCursorBeyondTheEndIsAViolation() {
        history.observe("s", "t", 11, 10);
        assertEquals(1, violations.count(Violation.CURSORS_BEYOND_END));
    }
}
