package io.strand.broker.service;

import io.strand.api.Message;
import io.strand.api.TopicPosition;
import io.strand.broker.codec.MessageCodec;
import io.strand.storage.CursorStore;
import io.strand.storage.LogStore;
import io.strand.storage.ReadResult;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One non-blocking read for a subscription across all its topics.
 *
 * <p>Where each topic is read from: with a session, from the session's position (never below the
 * committed offset); without one, from the committed offset — so repeated session-less fetches return
 * the same messages until they are committed. A position below the log start (trimmed by retention)
 * jumps to the start when the subscriber asked for that, else fails OFFSET_OUT_OF_RANGE naming the
 * topic.
 *
 * <p>Fairness: topics are visited round-robin from a start that moves on every fetch, and a first pass
 * gives each topic an equal share of the remaining message budget; a second pass lets the topics that
 * used their whole share fill what the others left. So a busy topic cannot starve the ones after it.
 *
 * <p>Positions are advanced only after the whole read succeeded, under the subscription's lock, so
 * concurrent fetches of one session never return the same messages twice.
 */
final class SubscriptionReader {
    private final LogStore store;
    private final CursorStore cursors;

    SubscriptionReader(LogStore store) {
        this.store = store;
        this.cursors = store.cursors();
    }

    FetchedBatch read(SubscriptionState state, Optional<ActiveSession> session, FetchLimits limits) {
        state.lock().lock();
        try {
            return readLocked(state, session, limits);
        } finally {
            state.lock().unlock();
        }
    }

    private FetchedBatch readLocked(SubscriptionState state, Optional<ActiveSession> session, FetchLimits limits) {
        List<String> topics = state.topics();
        int n = topics.size();
        if (n == 0) {
            return FetchedBatch.EMPTY;
        }
        int first = state.nextRoundRobinStart(n);
        Pass pass = new Pass(state, session, limits);
        List<String> mayHaveMore = new ArrayList<>();
        for (int i = 0; i < n && pass.budgetLeft(); i++) {
            String topic = topics.get((first + i) % n);
            int share = Math.max(1, pass.messagesLeft / (n - i));
            if (pass.readTopic(topic, share)) {
                mayHaveMore.add(topic);
            }
        }
        for (String topic : mayHaveMore) {
            if (!pass.budgetLeft()) {
                break;
            }
            pass.readTopic(topic, pass.messagesLeft);
        }
        session.ifPresent(s -> s.positions().putAll(pass.next));
        List<TopicPosition> nextOffsets = new ArrayList<>(pass.next.size());
        pass.next.forEach((topic, offset) -> nextOffsets.add(new TopicPosition(topic, offset)));
        return new FetchedBatch(pass.messages, nextOffsets, pass.bytes);
    }

    /** The mutable state of one read; confined to the reading thread. */
    private final class Pass {
        final SubscriptionState state;
        final Optional<ActiveSession> session;
        final List<Message> messages = new ArrayList<>();
        final Map<String, Long> next = new LinkedHashMap<>();
        int messagesLeft;
        long bytesLeft;
        long bytes;

        Pass(SubscriptionState state, Optional<ActiveSession> session, FetchLimits limits) {
            this.state = state;
            this.session = session;
            this.messagesLeft = limits.maxMessages();
            this.bytesLeft = limits.maxBytes();
        }

        boolean budgetLeft() {
            return messagesLeft > 0 && bytesLeft > 0;
        }

        /** Reads up to {@code quota} messages of {@code topic}; true when it got all of them (more may wait). */
        boolean readTopic(String topic, int quota) {
            Optional<TopicLog> found = store.find(topic);
            if (found.isEmpty()) {
                return false;
            }
            TopicLog log = found.get();
            Long continued = next.get(topic);
            long position = continued != null ? continued : startPosition(topic, log);
            if (position >= log.endOffset()) {
                return false;
            }
            ReadResult result = log.read(position, quota, bytesLeft);
            List<StoredRecord> records = result.records();
            if (records.isEmpty()) {
                return false;
            }
            for (StoredRecord record : records) {
                messages.add(MessageCodec.toMessage(topic, record));
                long size = MessageCodec.payloadBytes(record);
                bytes += size;
                bytesLeft -= size;
            }
            messagesLeft -= records.size();
            next.put(topic, result.nextOffset());
            return records.size() == quota;
        }

        private long startPosition(String topic, TopicLog log) {
            long committed = cursors.committed(state.name(), topic).orElse(0L);
            long position = committed;
            if (session.isPresent()) {
                long ahead = session.get().position(topic).orElse(committed);
                if (ahead > committed && ahead <= log.endOffset()) {
                    position = ahead;
                }
            }
            long start = log.startOffset();
            if (position < start) {
                if (state.resetToEarliestWhenTrimmed()) {
                    return start;
                }
                throw RequestException.trimmed(state.name(), topic, position, start, log.endOffset());
            }
            return position;
        }
    }
}
