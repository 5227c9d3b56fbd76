package io.strand.broker.service;

import io.strand.api.BrokerInfo;
import io.strand.api.SubscriptionInfo;
import io.strand.broker.push.PushDispatchers;
import io.strand.broker.push.PushState;
import io.strand.storage.LogStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only views of subscriptions and of the broker: describe/list subscriptions (cursors with
 * lag, session and push state) and {@code info()}.
 */
final class AdminQueries {
    private final LogStore store;
    private final Subscriptions subscriptions;
    private final SubscriptionLag lag;
    private final PushDispatchers push;
    private final TopicDirectory directory;
    private final ServiceSettings settings;
    private final Clock clock;
    private final long startedAt;

    AdminQueries(LogStore store, Subscriptions subscriptions, SubscriptionLag lag, PushDispatchers push,
                 TopicDirectory directory, ServiceSettings settings, Clock clock) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.lag = lag;
        this.push = push;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    SubscriptionInfo describe(String name) {
        return describe(subscriptions.get(name));
    }

    List<SubscriptionInfo> list() {
        List<SubscriptionInfo> all = new ArrayList<>();
        for (SubscriptionState state : subscriptions.all()) {
            all.add(describe(state));
        }
        return all;
    }

    BrokerInfo info() {
        Optional<Throwable> failure = store.failure();
        return new BrokerInfo(version(), failure.isEmpty(), failure.map(Throwable::toString).orElse(""),
                PublishService.toWire(store.config().defaultDurability()), directory.size(), subscriptions.count(),
                Math.max(0, clock.millis() - startedAt), settings.maxMessageBytes(), settings.maxBatchMessages());
    }

    static String version() {
        String version = AdminQueries.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The shortest time a session counts as active after it was last seen (see {@code sessionActive}). */
    static final Duration SESSION_ACTIVE_MIN_WINDOW = Duration.ofSeconds(60);

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private SubscriptionInfo describe(SubscriptionState state) {
        // A live consumer presents its session at least once per long-poll (fetch.max.wait.ms at most),
        // unless its handler keeps it busy or it waits on its own acks: hence the minute's floor.
        Duration window = max(settings.fetchMaxWait().multipliedBy(2).plusSeconds(1), SESSION_ACTIVE_MIN_WINDOW);
        long now = clock.millis();
        SubscriptionInfo info = new SubscriptionInfo(state.definition(), lag.cursors(state),
                state.currentSession().filter(s -> s.seenWithin(window, now)).isPresent());
        Optional<PushState> pushState = push.state(state.name());
        pushState.ifPresent(p -> {
            info.setConsecutiveFailures(p.consecutiveFailures());
            info.setDeadLettered(p.deadLettered());
            info.setDeadLetterTopic(p.deadLetterTopic());
        });
        return info;
    }
}
