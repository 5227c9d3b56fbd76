package io.strand.broker.service;

import static io.strand.broker.service.TestBroker.await;
import static io.strand.broker.service.TestBroker.bySubscription;
import static io.strand.broker.service.TestBroker.expectError;
import static io.strand.broker.service.TestBroker.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StartKind;
import io.strand.api.StrandException;
import io.strand.api.TopicConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading below the log start: a typed error saying where the log starts, or a jump when asked for. */
class RetentionTest {
    @TempDir
    Path dir;

    @Test
    void aTrimmedCursorIsAnErrorUnlessTheSubscriberAskedToJump() throws Exception {
        try (TestBroker broker = TestBroker.startWithRetentionEvery(dir, Duration.ofMillis(50))) {
            broker.service().createTopic("short", new TopicConfig().setRetentionBytes(8 * 1024));
            broker.service().subscribe(subscriber("strict", "short", StartKind.EARLIEST));
            broker.service().subscribe(subscriber("lenient", "short", StartKind.EARLIEST)
                    .setResetToEarliestWhenTrimmed(true));
            for (int i = 0; i < 20; i++) {
                broker.service().publishBatch(new PublishBatchRequest("short",
                        List.of(new Message("", ByteBuffer.wrap(new byte[1024])))));
            }
            await("retention to trim the head", Duration.ofSeconds(20),
                    () -> broker.store().log("short").startOffset() > 0);
            long start = broker.store().log("short").startOffset();

            StrandException trimmed = expectError(ErrorCode.OFFSET_OUT_OF_RANGE,
                    () -> broker.service().fetch(bySubscription("strict")));
            assertTrue(trimmed.getLogStartOffset() >= start, trimmed.getDetail());
            assertTrue(trimmed.getDetail().contains("seek"), trimmed.getDetail());

            FetchResult jumped = broker.service().fetch(bySubscription("lenient"));
            assertTrue(jumped.getMessagesSize() > 0);
            assertTrue(jumped.getMessages().get(0).getOffset() >= start);
            assertEquals(20, jumped.getNextOffsets().get(0).getOffset());
        }
    }
}
