package io.strand.broker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    private static TopicFilter filter(String text) {
        return TopicFilter.parse(Optional.ofNullable(text));
    }

    @Test
    void starMatchesExactlyOneSegment() {
        TopicFilter orders = filter("orders.*");
        assertTrue(orders.matches("orders.eu"));
        assertFalse(orders.matches("orders.eu.x"));
        assertFalse(orders.matches("orders"));
        assertFalse(orders.matches("orderz.eu"));
        assertTrue(filter("*.eu").matches("orders.eu"));
        assertTrue(filter("a.*.c").matches("a.b.c"));
        assertFalse(filter("a.*.c").matches("a.b.d"));
    }

    @Test
    void gtMatchesOneOrMoreRemainingSegments() {
        TopicFilter orders = filter("orders.>");
        assertTrue(orders.matches("orders.eu"));
        assertTrue(orders.matches("orders.eu.x"));
        assertFalse(orders.matches("orders"));
        assertFalse(orders.matches("payments.eu"));
        assertTrue(filter("*.eu.>").matches("orders.eu.x.y"));
    }

    @Test
    void noTopicMeansEveryTopicButInternalOnes() {
        TopicFilter all = filter(null);
        assertTrue(all.matches("anything.at.all"));
        assertFalse(all.matches("__dlq.s"));
        assertTrue(filter("").matches("x"));
        assertFalse(filter(">").matches("__dlq.s"), "leading wildcards skip internal topics");
        assertTrue(filter("__dlq.*").matches("__dlq.s"), "internal topics can be named explicitly");
    }

    @Test
    void aPlainNameMatchesOnlyItself() {
        TopicFilter name = filter("orders.eu");
        assertTrue(name.matches("orders.eu"));
        assertFalse(name.matches("orders.eu.x"));
        assertEquals(Optional.of("orders.eu"), name.singleTopic());
        assertFalse(name.open());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders.>.x", "ord*", "orders..*", "*.", "orders.$", ">x", "a.b*", "**", "a b.*", ".>"})
    void malformedPatternsAreRejected(String pattern) {
        RequestException e = assertThrows(RequestException.class, () -> filter(pattern));
        assertEquals(ErrorCode.INVALID_TOPIC_PATTERN, e.code());
    }

    @Test
    void anIllegalPlainNameIsAPatternError() {
        RequestException e = assertThrows(RequestException.class, () -> filter("bad name"));
        assertEquals(ErrorCode.INVALID_TOPIC_PATTERN, e.code());
    }
}
