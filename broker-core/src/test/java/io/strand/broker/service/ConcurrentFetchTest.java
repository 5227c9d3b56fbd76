package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.message;
import static io.strand.broker.service.TestBroker.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.api.Message;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StartKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-session position is advanced atomically: concurrent fetches of one session split the messages. */
class ConcurrentFetchTest {
    @TempDir
    Path dir;

    @Test
    void concurrentFetchesOfOneSessionNeverReturnAMessageTwice() throws Exception {
        try (TestBroker broker = TestBroker.start(dir)) {
            for (String topic : List.of("c.a", "c.b", "c.c")) {
                for (int i = 0; i < 10; i++) {
                    broker.service().publishBatch(new PublishBatchRequest(topic,
                            Collections.nCopies(10, message("", topic))));
                }
            }
            Session session = broker.service().openSession(subscriber("shared", "c.*", StartKind.EARLIEST));
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(threads.submit(() -> {
                        for (int round = 0; round < 200; round++) {
                            List<Message> got = broker.service().fetch(bySubscription("shared")
                                    .setSessionId(session.getSessionId()).setMaxMessages(7)).getMessages();
                            if (got.isEmpty()) {
                                return null;
                            }
                            got.forEach(m -> seen.add(m.getTopic() + "@" + m.getOffset()));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(300, seen.size(), "every message once");
            assertEquals(300, new HashSet<>(seen).size(), "no message twice");
        }
    }
}
