package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.expectError;
import static io.strand.broker.service.TestBroker.publish;
import static io.strand.broker.service.TestBroker.subscriber;
import static io.strand.broker.service.TestBroker.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import io.strand.api.Session;
import io.strand.api.StartKind;
import io.strand.api.StrandException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFencingTest {
    @TempDir
    Path dir;

    @Test
    void aNewerSessionFencesTheOlderOne() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            publish(broker.service(), "t", "a", "b");
            Session first = broker.service().openSession(subscriber("s", "t", StartKind.EARLIEST));
            assertEquals(List.of("a", "b"), texts(broker.service().fetch(bySubscription("s")
                    .setSessionId(first.getSessionId()))));

            Session second = broker.service().openSession(subscriber("s", "t", StartKind.EARLIEST));
            assertTrue(second.getSessionId() > first.getSessionId());

            StrandException fenced = expectError(ErrorCode.SESSION_FENCED, () -> broker.service().fetch(
                    bySubscription("s").setSessionId(first.getSessionId())));
            assertTrue(fenced.getDetail().contains("stop this consumer"), fenced.getDetail());
            expectError(ErrorCode.SESSION_FENCED, () -> broker.service().commit("s", first.getSessionId(), "t", 2));
            assertEquals(0, broker.store().cursors().committed("s", "t").getAsLong(), "a fenced commit changes nothing");

            // the new session starts again from the committed offset
            assertEquals(List.of("a", "b"), texts(broker.service().fetch(bySubscription("s")
                    .setSessionId(second.getSessionId()))));
            broker.service().commit("s", second.getSessionId(), "t", 2);
            broker.service().commit("s", 0, "t", 2); // no session: allowed
            expectError(ErrorCode.INVALID_REQUEST, () -> broker.service().fetch(bySubscription("s")
                    .setSessionId(second.getSessionId() + 1000)));
        }
    }
}
