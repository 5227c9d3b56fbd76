package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.replay;
import static io.strand.broker.service.TestBroker.subscriber;
import static io.strand.broker.service.TestBroker.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StartKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @TempDir
    Path dir;

    @Test
    void subscriptionResumesAtTheCommittedOffsetAndHistoryReplaysAfterRestart() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (TestBroker broker = TestBroker.start(dir, TestBroker.settings(), clock)) {
            Session session = broker.service().openSession(subscriber("s", "log", StartKind.EARLIEST));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add("m" + i);
                broker.service().publish(TestBroker.message("log", "m" + i));
                clock.advance(100);
            }
            long timestampOfFifth = broker.service().fetch(replay("log", 5)).getMessages().get(0).getTimestamp();
            List<Message> before = broker.service().fetch(replay("log", 0)).getMessages();
            broker.service().fetch(bySubscription("s").setSessionId(session.getSessionId()).setMaxMessages(6));
            broker.service().commit("s", session.getSessionId(), "log", 4);

            clock.advance(60_000);
            broker.restart();

            assertEquals(1, broker.service().subscriptionCount());
            assertEquals(10, broker.service().describeTopic("log").getEndOffset());
            Session resumed = broker.service().openSession(subscriber("s", "log", StartKind.LATEST));
            assertTrue(resumed.isResumed());
            FetchResult rest = broker.service().fetch(bySubscription("s").setSessionId(resumed.getSessionId()));
            assertEquals(sent.subList(4, 10), texts(rest), "resumes at exactly the committed offset");
            assertEquals(4, rest.getMessages().get(0).getOffset());

            List<Message> after = broker.service().fetch(replay("log", 0)).getMessages();
            assertEquals(before, after, "offsets, timestamps and data survive the restart");

            broker.service().subscribe(subscriber("from-time", "log", StartKind.TIMESTAMP)
                    .setStart(new Position(StartKind.TIMESTAMP).setValue(timestampOfFifth)));
            FetchResult fromTime = broker.service().fetch(bySubscription("from-time"));
            assertEquals(sent.subList(5, 10), texts(fromTime));
            assertEquals(5, fromTime.getMessages().get(0).getOffset());
        }
    }

    @Test
    void aSessionOpenedBeforeARestartKeepsWorkingUntilANewerOneOpens() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (TestBroker broker = TestBroker.start(dir, TestBroker.settings(), clock)) {
            Session older = broker.service().openSession(subscriber("s", "t", StartKind.EARLIEST));
            Session current = broker.service().openSession(subscriber("s", "t", StartKind.EARLIEST));
            broker.service().publishBatch(new PublishBatchRequest("t", List.of(TestBroker.message("", "x"))));
            clock.advance(1000);
            broker.restart();

            assertEquals(List.of("x"), texts(broker.service().fetch(bySubscription("s")
                    .setSessionId(current.getSessionId()))));
            broker.service().commit("s", current.getSessionId(), "t", 1);
            TestBroker.expectError(io.strand.api.ErrorCode.SESSION_FENCED,
                    () -> broker.service().fetch(bySubscription("s").setSessionId(older.getSessionId())));
        }
    }
}
