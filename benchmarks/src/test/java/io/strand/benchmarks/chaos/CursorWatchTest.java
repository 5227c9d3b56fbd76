package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.client.Admin;
import io.strand.client.BrokerDescription;
import io.strand.client.ClientOptions;
import io.strand.client.CursorDescription;
import io.strand.client.StartPosition;
import io.strand.client.SubscriptionDescription;
import io.strand.client.TopicDescription;
import io.strand.client.TopicRead;
import io.strand.client.TopicSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How observations are judged, against a fake Admin that answers with given cursors and topic ends. */
class CursorWatchTest {
    private final Violations violations = new Violations();
    private final CursorHistory history = new CursorHistory(violations);

    /** Answers describeSubscription with one cursor and listTopics with one end; nothing else. */
    private static Admin admin(long committed, long endInCursor, long endListedAfter) {
        return new Admin() {
            @Override
            public SubscriptionDescription describeSubscription(String name) {
                return new SubscriptionDescription(name, Optional.of("chaos.*"), false, Optional.empty(),
                        List.of(new CursorDescription("chaos.t0", committed, endInCursor, 0, Duration.ZERO)), true,
                        OptionalInt.empty(), OptionalLong.empty(), Optional.empty());
            }

            @Override
            public List<TopicDescription> listTopics() {
                return List.of(new TopicDescription("chaos.t0", 0, endListedAfter, 0, TopicSettings.DEFAULTS,
                        Instant.EPOCH));
            }

            @Override
            public TopicDescription createTopic(String name, TopicSettings settings) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void deleteTopic(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public TopicDescription describeTopic(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<SubscriptionDescription> listSubscriptions() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void deleteSubscription(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void seek(String subscription, Optional<String> topic, StartPosition position) {
                throw new UnsupportedOperationException();
            }

            @Override
            public BrokerDescription info() {
                throw new UnsupportedOperationException();
            }

            @Override
            public TopicRead read(String topic, long offset, int maxMessages, int maxBytes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long offsetForTime(String topic, Instant time) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    private void observe(Admin via) {
        // A port nothing listens on: the sampler's own calls fail and are skipped; only observeNow is judged.
        try (CursorWatch watch = new CursorWatch(ClientOptions.forBroker("127.0.0.1:1"), List.of("s"), history,
                Duration.ofHours(1), Duration.ofSeconds(1))) {
            watch.observeNow(via);
        }
    }

    @Test
    void aCursorPastTheEndItsDescriptionCarriesIsFineIfTheTopicGrewPastIt() {
        observe(admin(110, 100, 120));
        assertEquals(0, violations.total(), violations.examples().toString());
        assertEquals(110L, history.highest().get("s:chaos.t0"));
    }

    @Test
    void aCursorPastTheEndReadAfterItIsAViolation() {
        observe(admin(110, 100, 105));
        assertEquals(1, violations.count(Violation.CURSORS_BEYOND_END));
    }

    @Test
    void aLaterObservationBelowAnEarlierOneIsARegression() {
        observe(admin(50, 60, 60));
        observe(admin(40, 60, 60));
        assertEquals(1, violations.count(Violation.CURSOR_REGRESSIONS));
    }
}
