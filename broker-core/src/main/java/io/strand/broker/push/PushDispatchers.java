package io.strand.broker.push;

import com.codahale.metrics.MetricRegistry;
import io.strand.api.DeliveryMode;
import io.strand.api.Subscriber;
import io.strand.broker.waiters.FetchWaiters;
import io.strand.storage.LogStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The running {@link PushDispatcher}s, one per push subscription, by name. Thread-safe: the request
 * layer starts, replaces and stops dispatchers from handler threads.
 */
public final class PushDispatchers implements AutoCloseable {
    private final LogStore store;
    private final FetchWaiters waiters;
    private final PushSettings settings;
    private final PushMetrics metrics;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final Map<String, PushDispatcher> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PushDispatchers(LogStore store, FetchWaiters waiters, PushSettings settings,
                           MetricRegistry registry) {
        this.store = store;
        this.waiters = waiters;
        this.settings = settings;
        this.metrics = new PushMetrics(registry);
        this.deadLetters = new DeadLetters(store, store.config().appendQueueWait().plus(Duration.ofSeconds(30)));
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /** The dead-letter topic of a subscription. */
    public static String deadLetterTopic(String subscription) {
        return DeadLetters.topicFor(subscription);
    }

    /**
     * Starts delivering {@code subscriber} (which must be a PUSH subscription with an endpoint),
     * replacing — after stopping it — any dispatcher already running under that name.
     *
     * @param topics the subscription's current topics; called by the dispatcher thread each round
     */
    public synchronized void start(Subscriber subscriber, Supplier<List<String>> topics) {
        if (subscriber.getMode() != DeliveryMode.PUSH || !subscriber.isSetPushEndpoint()) {
            throw new IllegalArgumentException("subscription '" + subscriber.getName() + "' is not a push subscription");
        }
        if (closed) {
            return;
        }
        stop(subscriber.getName());
        PushDispatcher dispatcher = new PushDispatcher(subscriber.deepCopy(), topics, store, waiters, settings,
                metrics, deadLetters, backoff);
        running.put(subscriber.getName(), dispatcher);
        dispatcher.start();
    }

    /** Stops the subscription's dispatcher, if one runs. Idempotent. */
    public synchronized void stop(String subscription) {
        PushDispatcher dispatcher = running.remove(subscription);
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    public Optional<PushState> state(String subscription) {
        return Optional.ofNullable(running.get(subscription)).map(PushDispatcher::state);
    }

    /** Tells an idle dispatcher to look at its cursors again (after a seek). */
    public void wake(String subscription) {
        PushDispatcher dispatcher = running.get(subscription);
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    public int size() {
        return running.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (String name : List.copyOf(running.keySet())) {
            stop(name);
        }
    }
}
