package io.strand.broker.service;

import io.strand.api.CursorInfo;
import io.strand.storage.CursorStore;
import io.strand.storage.LogStore;
import io.strand.storage.TopicLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a subscription is behind, per topic and in total — computed when asked (describe calls and
 * gauge reads), never maintained on the publish path.
 *
 * <p>Per cursor: lag in messages = end offset − committed offset; lag in time = now − the append
 * time of the oldest uncommitted message still stored, 0 when caught up. A topic without a stored
 * cursor (created after the subscription) counts as committed at 0, which is where reading starts.
 */
final class SubscriptionLag {
    private final LogStore store;
    private final CursorStore cursors;
    private final Clock clock;

    SubscriptionLag(LogStore store, Clock clock) {
        this.store = store;
        this.cursors = store.cursors();
        this.clock = clock;
    }

    List<CursorInfo> cursors(SubscriptionState state) {
        List<CursorInfo> result = new ArrayList<>();
        for (String topic : state.topics()) {
            cursor(state.name(), topic).ifPresent(result::add);
        }
        return result;
    }

    Optional<CursorInfo> cursor(String subscription, String topic) {
        Optional<TopicLog> found = store.find(topic);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TopicLog log = found.get();
        // Committed first, end second: a commit can only follow an append, so this order never shows a
        // committed offset past the end while publishers and consumers are busy.
        long committed = cursors.committed(subscription, topic).orElse(0L);
        long end = log.endOffset();
        long lagMessages = Math.max(0, end - committed);
        long lagMs = 0;
        if (lagMessages > 0) {
            long oldest = Math.max(committed, log.startOffset());
            lagMs = log.timestampAt(oldest).stream().map(ts -> Math.max(0, clock.millis() - ts)).findFirst().orElse(0L);
        }
        return Optional.of(new CursorInfo(topic, committed, end, lagMessages, lagMs));
    }

    long totalMessages(SubscriptionState state) {
        long total = 0;
        for (CursorInfo cursor : cursors(state)) {
            total += cursor.getLagMessages();
        }
        return total;
    }

    long maxMs(SubscriptionState state) {
        long max = 0;
        for (CursorInfo cursor : cursors(state)) {
            max = Math.max(max, cursor.getLagMs());
        }
        return max;
    }
}
