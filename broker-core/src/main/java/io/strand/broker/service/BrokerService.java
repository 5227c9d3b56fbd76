package io.strand.broker.service;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.strand.api.BrokerInfo;
import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PubSub;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StrandException;
import io.strand.api.Subscriber;
import io.strand.api.SubscriptionInfo;
import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import io.strand.broker.push.PushDispatchers;
import io.strand.broker.push.PushSettings;
import io.strand.broker.waiters.FetchWaiters;
import io.strand.storage.LogStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The {@code PubSub} handler. It only decodes, delegates to one collaborator per concern and maps
 * failures to wire errors through {@link ErrorMapper}; it holds no logic of its own.
 *
 * <p>Thread-safety: every method may be called from any number of threads at once (the server runs a
 * thread per connection). {@link #fetch} may block its caller up to the request's (capped) wait.
 *
 * <p>Lifecycle: the constructor registers one listener with the store, loads the topic names, recovers
 * every stored subscription and starts the push dispatchers. {@link #close()} stops the dispatchers,
 * wakes every waiting fetch (it returns what it has), makes later calls fail with UNAVAILABLE, removes
 * the service's gauges and unregisters the listener. It does not close the store: its owner does,
 * after closing this service.
 */
public final class BrokerService implements PubSub.Iface, AutoCloseable {
    private final LogStore store;
    private final ServiceMetrics metrics;
    private final FetchWaiters waiters;
    private final PushDispatchers push;
    private final Subscriptions subscriptions;
    private final PublishService publisher;
    private final FetchService fetcher;
    private final CursorUpdates cursorUpdates;
    private final TopicAdmin topics;
    private final AdminQueries queries;
    private final AutoCloseable listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    public BrokerService(LogStore store, ServiceSettings settings, MetricRegistry metrics, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.metrics = new ServiceMetrics(metrics);
        this.waiters = new FetchWaiters();
        this.push = new PushDispatchers(store, waiters, pushSettings(settings), metrics);
        TopicDirectory directory = new TopicDirectory();
        SubscriptionLag lag = new SubscriptionLag(store, clock);
        this.subscriptions = new Subscriptions(store, directory, new SessionIds(clock), push, this.metrics, lag);
        this.listener = store.addListener(new TopicEvents(directory, subscriptions, waiters));
        try {
            directory.load(store);
            subscriptions.recover();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.publisher = new PublishService(store, settings, this.metrics);
        this.fetcher = new FetchService(store, subscriptions, waiters, settings, closed::get);
        this.cursorUpdates = new CursorUpdates(store, subscriptions, push);
        this.topics = new TopicAdmin(store);
        this.queries = new AdminQueries(store, subscriptions, lag, push, directory, settings, clock);
        this.metrics.registerGauge(ServiceMetrics.FETCH_WAITING, (Gauge<Integer>) fetcher::waiting);
    }

    static PushSettings pushSettings(ServiceSettings settings) {
        return new PushSettings(settings.pushMaxDeliveries(), settings.pushBatchMessages(), settings.fetchMaxBytes(),
                settings.pushTimeout(), settings.pushBackoffInitial(), settings.pushBackoffMax());
    }

    /** Subscriptions recovered or created so far (for the startup log). */
    public int subscriptionCount() {
        return subscriptions.count();
    }

    /** False once the store has had a sticky failure (for /health). */
    public boolean healthy() {
        return store.failure().isEmpty();
    }

    /** Waiter index entries held (tests check it returns to 0: no leak from timed-out fetches). */
    int waiterRegistrations() {
        return waiters.registrations();
    }

    @Override
    public void publish(Message message) throws StrandException {
        call("publish", metrics.publishLatency, metrics.publishFailures, () -> {
            publisher.publish(message);
            return null;
        });
    }

    @Override
    public PublishAck publishBatch(PublishBatchRequest request) throws StrandException {
        return call("publishBatch", metrics.publishLatency, metrics.publishFailures,
                () -> publisher.publishBatch(request));
    }

    @Override
    public long initProducer() throws StrandException {
        return call("initProducer", null, metrics.otherFailures, publisher::initProducer);
    }

    @Override
    public void subscribe(Subscriber subscriber) throws StrandException {
        openSession(subscriber);
    }

    @Override
    public Session openSession(Subscriber subscriber) throws StrandException {
        return call("subscribe", null, metrics.otherFailures, () -> subscriptions.open(subscriber));
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws StrandException {
        return call("fetch", metrics.fetchLatency, metrics.fetchFailures, () -> {
            FetchedBatch batch = fetcher.fetch(request);
            metrics.messagesOut.mark(batch.messages().size());
            metrics.bytesOut.mark(batch.bytes());
            return batch.toResult();
        });
    }

    @Override
    public void commit(String subscription, long sessionId, String topic, long offset) throws StrandException {
        call("commit", metrics.commitLatency, metrics.commitFailures, () -> {
            cursorUpdates.commit(subscription, sessionId, topic, offset);
            return null;
        });
    }

    @Override
    public void seek(String subscription, String topic, Position position) throws StrandException {
        call("seek", null, metrics.otherFailures, () -> {
            cursorUpdates.seek(subscription, topic, position);
            return null;
        });
    }

    @Override
    public void unsubscribe(String subscription) throws StrandException {
        call("unsubscribe", null, metrics.otherFailures, () -> {
            subscriptions.unsubscribe(subscription);
            return null;
        });
    }

    @Override
    public TopicInfo createTopic(String name, TopicConfig config) throws StrandException {
        return call("createTopic", null, metrics.otherFailures, () -> topics.create(name, config));
    }

    @Override
    public void deleteTopic(String name) throws StrandException {
        call("deleteTopic", null, metrics.otherFailures, () -> {
            topics.delete(name);
            return null;
        });
    }

    @Override
    public List<TopicInfo> listTopics() throws StrandException {
        return call("listTopics", null, metrics.otherFailures, topics::list);
    }

    @Override
    public TopicInfo describeTopic(String name) throws StrandException {
        return call("describeTopic", null, metrics.otherFailures, () -> topics.describe(name));
    }

    @Override
    public List<SubscriptionInfo> listSubscriptions() throws StrandException {
        return call("listSubscriptions", null, metrics.otherFailures, queries::list);
    }

    @Override
    public SubscriptionInfo describeSubscription(String name) throws StrandException {
        return call("describeSubscription", null, metrics.otherFailures, () -> queries.describe(name));
    }

    @Override
    public BrokerInfo info() throws StrandException {
        return call("info", null, metrics.otherFailures, queries::info);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        push.close();
        waiters.close();
        try {
            listener.close();
        } catch (Exception e) {
            // the store may already be closed; nothing more to release
        }
        metrics.close();
    }

    /** Runs one request: refuses it after close, times successes, counts failures, maps every failure. */
    private <T> T call(String operation, Timer latency, Meter failures, Supplier<T> body) throws StrandException {
        long started = System.nanoTime();
        try {
            if (closed.get()) {
                throw RequestException.of(ErrorCode.UNAVAILABLE, "the broker is shutting down; retry shortly");
            }
            T result = body.get();
            if (latency != null) {
                latency.update(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
            return result;
        } catch (RuntimeException e) {
            failures.mark();
            throw ErrorMapper.toWire(operation, e);
        }
    }
}
