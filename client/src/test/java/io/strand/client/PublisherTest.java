package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The publisher's own logic — batching, retry, sequence numbers, bounds — against {@link FakeBroker}. */
@Timeout(30)
class PublisherTest {

    private final FakeBroker broker = new FakeBroker();

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private PublisherOptions.Builder options() {
        return PublisherOptions.builder().broker(broker.address())
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @Test
    void batchesATopicUpToBatchMaxMessagesAndAcksEachMessageWithItsOffset() throws Exception {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        try (Publisher publisher = Strand.publisher(options().batchMaxMessages(10).linger(Duration.ofHours(1)).build())) {
            for (int i = 0; i < 25; i++) {
                acks.add(publisher.send(Message.of("orders", "m" + i)));
            }
            publisher.flush();
        }
        for (int i = 0; i < 25; i++) {
            assertEquals(i, acks.get(i).get().offset());
        }
        List<Integer> sizes = broker.calls.stream().map(FakeBroker.Call::count).toList();
        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(List.of(0L, 1L, 2L), broker.calls.stream().map(FakeBroker.Call::sequence).toList());
    }

    @Test
    void retriesARetriableErrorWithTheSameProducerIdAndSequence() throws Exception {
        broker.nextErrors.add(ErrorCode.UNAVAILABLE);
        broker.nextErrors.add(ErrorCode.STORAGE_UNAVAILABLE);
        try (Publisher publisher = Strand.publisher(options().build())) {
            PublishAck ack = publisher.sendAndWait(Message.of("orders", "x"));
            assertEquals(0, ack.offset());
            assertFalse(ack.duplicate());
        }
        assertEquals(3, broker.calls.size());
        FakeBroker.Call first = broker.calls.get(0);
        for (FakeBroker.Call c : broker.calls) {
            assertEquals(first.producerId(), c.producerId());
            assertEquals(0, c.sequence());
        }
        assertEquals(1, broker.endOffset("orders"));
    }

    @Test
    void failsABatchAtOnceOnANonRetriableErrorThenContinuesWithAFreshProducerId() throws Exception {
        broker.nextErrors.add(ErrorCode.UNKNOWN_TOPIC);
        try (Publisher publisher = Strand.publisher(options().build())) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> publisher.send(Message.of("orders", "x")).get());
            assertInstanceOf(UnknownTopicException.class, failed.getCause());
            assertEquals(0, publisher.sendAndWait(Message.of("orders", "y")).offset());
        }
        assertEquals(2, broker.calls.size(), "the non-retriable error must not be retried");
        assertNotEquals(broker.calls.get(0).producerId(), broker.calls.get(1).producerId());
        assertEquals(0, broker.calls.get(1).sequence());
    }

    @Test
    void sequenceNumbersAreCountedPerTopic() throws Exception {
        try (Publisher publisher = Strand.publisher(options().build())) {
            publisher.sendAndWait(Message.of("a", "1"));
            publisher.sendAndWait(Message.of("b", "1"));
            publisher.sendAndWait(Message.of("a", "2"));
        }
        assertEquals(List.of(0L, 0L, 1L), broker.calls.stream().map(FakeBroker.Call::sequence).toList());
    }

    @Test
    void deliveryTimeoutFailsTheFutureWithTheLastErrorAsCause() throws Exception {
        PublisherOptions o = PublisherOptions.builder().client(unreachable())
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .deliveryTimeout(Duration.ofMillis(300)).build();
        try (Publisher publisher = Strand.publisher(o)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> publisher.send(Message.of("orders", "x")).get(10, TimeUnit.SECONDS));
            DeliveryTimeoutException timeout = assertInstanceOf(DeliveryTimeoutException.class, failed.getCause());
            assertInstanceOf(ConnectionException.class, timeout.getCause());
        }
    }

    @Test
    void aFullBufferBlocksSendForMaxBlockThenThrowsAndFreesAgainWhenMessagesComplete() throws Exception {
        PublisherOptions o = PublisherOptions.builder().client(unreachable())
                .bufferMemoryBytes(4096).maxBlock(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .deliveryTimeout(Duration.ofSeconds(1)).build();
        byte[] kilobyte = new byte[1000];
        try (Publisher publisher = Strand.publisher(o)) {
            List<CompletableFuture<PublishAck>> accepted = new ArrayList<>();
            BufferFullException full = null;
            for (int i = 0; i < 10 && full == null; i++) {
                try {
                    accepted.add(publisher.send(Message.of("orders", kilobyte)));
                } catch (BufferFullException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the 4 KiB buffer must fill up within 10 messages of 1 KB");
            assertTrue(accepted.size() >= 3 && accepted.size() <= 4, "accepted " + accepted.size());
            for (CompletableFuture<PublishAck> f : accepted) {
                assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(0, ((DefaultPublisher) publisher).bufferedBytes());
            for (int i = 0; i < 3; i++) { // room again: no BufferFullException
                publisher.send(Message.of("orders", kilobyte));
            }
        }
    }

    @Test
    void refusesAMessageLargerThanMessageMaxBytes() {
        try (Publisher publisher = Strand.publisher(options().messageMaxBytes(100).build())) {
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
                    () -> publisher.send(Message.of("orders", new byte[200])));
            assertEquals(io.strand.client.ErrorCode.MESSAGE_TOO_LARGE, e.code());
        }
        assertTrue(broker.calls.isEmpty());
    }

    @Test
    void flushSendsAtOnceDespiteLingerAndWaitsForEveryAck() throws Exception {
        try (Publisher publisher = Strand.publisher(options().linger(Duration.ofHours(1)).build())) {
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acks.add(publisher.send(Message.of("t" + (i % 2), "m" + i)));
            }
            publisher.flush();
            for (CompletableFuture<PublishAck> f : acks) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally());
            }
        }
    }

    @Test
    void closeSendsWhatIsQueuedThenRefusesNewMessagesAndIsIdempotent() {
        Publisher publisher = Strand.publisher(options().linger(Duration.ofHours(1)).build());
        CompletableFuture<PublishAck> ack = publisher.send(Message.of("orders", "last"));
        publisher.close();
        assertTrue(ack.isDone() && !ack.isCompletedExceptionally());
        assertThrows(ClientClosedException.class, () -> publisher.send(Message.of("orders", "late")));
        publisher.close();
        assertEquals(1, broker.endOffset("orders"));
    }

    @Test
    void flushFromACallbackIsRefusedInsteadOfDeadlocking() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Publisher publisher = Strand.publisher(options().linger(Duration.ofHours(1)).build());
        // lingering, so the callback is registered before completion and runs on a sender thread
        publisher.send(Message.of("orders", "x")).whenComplete((a, e) -> {
            try {
                publisher.flush();
                seen.complete(null);
            } catch (Throwable t) {
                seen.complete(t);
            }
        });
        publisher.close();
        assertInstanceOf(IllegalStateException.class, seen.get(10, TimeUnit.SECONDS));
    }

    private static ClientOptions unreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return ClientOptions.builder().broker("127.0.0.1", port).connectTimeout(Duration.ofMillis(200)).build();
    }
}
