package io.strand.broker.service;

import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.TopicPosition;
import io.strand.broker.codec.MessageCodec;
import io.strand.broker.waiters.FetchWaiters;
import io.strand.broker.waiters.Waiter;
import io.strand.storage.LogStore;
import io.strand.storage.ReadResult;
import io.strand.storage.TopicLog;
import io.strand.storage.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * {@code fetch}: validates the request, reads, and — when there is nothing to return and the client
 * allows a wait — parks the calling thread on {@link FetchWaiters} until data arrives on any of the
 * topics read (or, for a subscription that can match new topics, until a topic is created), the wait
 * ends, or the service closes. Each wake-up reads again; the protocol is read → register → read →
 * wait, so nothing appended in between is missed — and if the set of topics to watch changed between
 * taking it and registering, the fetch registers again rather than wait on a stale set.
 *
 * <p>Blocking the calling thread is by design: the server gives every connection its own thread, so a
 * long-poll only holds its own connection. The gauge {@value ServiceMetrics#FETCH_WAITING} counts the
 * fetches parked right now.
 */
final class FetchService {
    private final LogStore store;
    private final Subscriptions subscriptions;
    private final SubscriptionReader reader;
    private final FetchWaiters waiters;
    private final ServiceSettings settings;
    private final BooleanSupplier closed;
    private final AtomicInteger waiting = new AtomicInteger();

    FetchService(LogStore store, Subscriptions subscriptions, FetchWaiters waiters, ServiceSettings settings,
                 BooleanSupplier closed) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.reader = new SubscriptionReader(store);
        this.waiters = waiters;
        this.settings = settings;
        this.closed = closed;
    }

    int waiting() {
        return waiting.get();
    }

    FetchedBatch fetch(FetchRequest request) {
        if (request == null) {
            throw RequestException.invalid("the fetch request is missing");
        }
        FetchLimits limits = FetchLimits.of(request, settings);
        boolean bySubscription = request.isSetSubscription();
        if (bySubscription == request.isSetTopic()) {
            throw RequestException.invalid("set either subscription (with an optional sessionId) or topic and offset,"
                    + (bySubscription ? " not both" : " not neither"));
        }
        return awaitData(bySubscription ? subscriptionRead(request, limits) : replayRead(request, limits),
                limits.maxWait());
    }

    /** A repeatable read and what to wait on when it comes back empty. */
    private interface Read {
        FetchedBatch read();

        Collection<String> waitTopics();

        boolean waitForNewTopics();
    }

    private FetchedBatch awaitData(Read read, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        FetchedBatch batch = read.read();
        while (batch.isEmpty() && !closed.getAsBoolean()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            Collection<String> watched = read.waitTopics();
            try (Waiter waiter = waiters.register(watched, read.waitForNewTopics())) {
                batch = read.read();
                // A topic that joined after `watched` was taken would not wake this waiter: register again.
                if (batch.isEmpty() && watched.equals(read.waitTopics())) {
                    park(waiter, remaining);
                    batch = read.read();
                }
            }
        }
        return batch;
    }

    private void park(Waiter waiter, long nanos) {
        waiting.incrementAndGet();
        try {
            waiter.await(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.of(ErrorCode.UNAVAILABLE, "the fetch was interrupted (the broker is stopping); retry");
        } finally {
            waiting.decrementAndGet();
        }
    }

    private Read subscriptionRead(FetchRequest request, FetchLimits limits) {
        String name = request.getSubscription();
        long sessionId = request.isSetSessionId() ? request.getSessionId() : 0;
        subscriptions.get(name).checkSession(sessionId);
        return new Read() {
            @Override
            public FetchedBatch read() {
                SubscriptionState state = subscriptions.get(name);
                return reader.read(state, state.checkSession(sessionId), limits);
            }

            @Override
            public Collection<String> waitTopics() {
                SubscriptionState state = subscriptions.get(name);
                List<String> topics = new ArrayList<>(state.topics());
                state.filter().singleTopic().ifPresent(topics::add);
                return topics;
            }

            @Override
            public boolean waitForNewTopics() {
                return subscriptions.get(name).filter().open();
            }
        };
    }

    private Read replayRead(FetchRequest request, FetchLimits limits) {
        String topic = TopicNames.validate(request.getTopic());
        if (!request.isSetOffset()) {
            throw RequestException.invalid("a fetch by topic needs the offset to read from");
        }
        if (request.isSetSessionId()) {
            throw RequestException.invalid("sessionId belongs to a fetch by subscription, not by topic");
        }
        long offset = request.getOffset();
        return new Read() {
            @Override
            public FetchedBatch read() {
                TopicLog log = store.find(topic).orElseThrow(() -> RequestException.unknownTopic(topic));
                long start = log.startOffset();
                long end = log.endOffset();
                if (offset < start || offset > end) {
                    throw RequestException.offsetOutOfRange(topic, offset, start, end);
                }
                if (offset == end) {
                    return new FetchedBatch(List.of(), List.of(new TopicPosition(topic, offset)), 0);
                }
                ReadResult result = log.read(offset, limits.maxMessages(), limits.maxBytes());
                long bytes = 0;
                for (var record : result.records()) {
                    bytes += MessageCodec.payloadBytes(record);
                }
                return new FetchedBatch(MessageCodec.toMessages(topic, result.records()),
                        List.of(new TopicPosition(topic, result.nextOffset())), bytes);
            }

            @Override
            public Collection<String> waitTopics() {
                return List.of(topic);
            }

            @Override
            public boolean waitForNewTopics() {
                return false;
            }
        };
    }
}
