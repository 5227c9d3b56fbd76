package io.strand.storage.rocksdb;

import io.strand.storage.AppendResult;
import io.strand.storage.CheckFinding.Kind;
import io.strand.storage.CheckReport;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The offline check of everything that points into the logs: subscriptions and their cursors (each on
 * an existing topic and subscription, within {@code [0, endOffset]}; below the start is only a note,
 * "trimmed"), and idempotent-producer state (of an existing topic, remembering only offsets inside its
 * log, with ids below the store's producer-id counter so no id can be handed out twice).
 */
final class ReferenceScan {
    private final StoreDb db;
    private final Map<Long, CheckReport.TopicSummary> topics;
    private final Findings findings;
    private int subscriptions;
    private long cursors;
    private long producerStates;

    private ReferenceScan(StoreDb db, Map<Long, CheckReport.TopicSummary> topics, Findings findings) {
        this.db = db;
        this.topics = topics;
        this.findings = findings;
    }

    /** Counts found: {@code [subscriptions, cursors, producer states]}. */
    record Counts(int subscriptions, long cursors, long producerStates) {
    }

    static Counts run(StoreDb db, Map<Long, CheckReport.TopicSummary> topics, Findings findings) {
        ReferenceScan scan = new ReferenceScan(db, topics, findings);
        try {
            scan.cursors(scan.subscriptionNames());
        } catch (RocksDBException e) {
            findings.add(Kind.STORE, "RocksDB failed to read subscriptions or cursors: " + e.getMessage());
        }
        try {
            scan.producers(Counters.load(db, 1).nextProducerId());
        } catch (RocksDBException | RuntimeException e) {
            findings.add(Kind.STORE, "RocksDB failed to read producer state: " + e.getMessage());
        }
        return new Counts(scan.subscriptions, scan.cursors, scan.producerStates);
    }

    private Set<String> subscriptionNames() throws RocksDBException {
        Set<String> names = new HashSet<>();
        try (RocksIterator it = db.iterator(Cf.SUBSCRIPTIONS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                names.add(new String(it.key(), StandardCharsets.UTF_8));
            }
            it.status();
        }
        subscriptions = names.size();
        return names;
    }

    private void cursors(Set<String> subscriptionNames) throws RocksDBException {
        try (RocksIterator it = db.iterator(Cf.CURSORS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                cursors++;
                byte[] key = it.key();
                Optional<String> subscription = Keys.cursorSubscription(key);
                if (subscription.isEmpty() || it.value().length != 8) {
                    findings.add(Kind.STORE, "a malformed entry in the cursors family (key " + key.length + " bytes, value "
                            + it.value().length + ")");
                    continue;
                }
                cursor(subscription.get(), Keys.cursorTopicId(key), Keys.getLong(it.value(), 0), subscriptionNames);
            }
            it.status();
        }
    }

    private void cursor(String subscription, long topicId, long offset, Set<String> subscriptionNames) {
        CheckReport.TopicSummary topic = topics.get(topicId);
        if (topic == null) {
            findings.add(Kind.CURSOR_UNKNOWN_TOPIC, "topic id " + topicId, "subscription '" + subscription
                    + "' has a cursor at " + offset + " on a topic id that does not exist");
            return;
        }
        if (!subscriptionNames.contains(subscription)) {
            findings.add(Kind.CURSOR_UNKNOWN_SUBSCRIPTION, topic.name(), offset, offset + 1, "a cursor of subscription '"
                    + subscription + "', which does not exist");
        }
        if (offset < 0 || offset > topic.endOffset()) {
            findings.add(Kind.CURSOR_OUT_OF_RANGE, topic.name(), offset, offset + 1, "subscription '" + subscription
                    + "' has its cursor at " + offset + ", outside [0, " + topic.endOffset() + "] (the end offset)");
        } else if (offset < topic.startOffset()) {
            findings.add(Kind.CURSOR_TRIMMED, topic.name(), offset, offset + 1, "subscription '" + subscription + "' is at "
                    + offset + ", below the log start " + topic.startOffset() + "; retention removed what it had not"
                    + " read, it resumes at " + topic.startOffset());
        }
    }

    private void producers(long nextProducerId) throws RocksDBException {
        try (RocksIterator it = db.iterator(Cf.PRODUCERS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                producerStates++;
                byte[] key = it.key();
                if (key.length != 16) {
                    findings.add(Kind.PRODUCER_STATE, "a producer-state key of " + key.length + " bytes; keys are 16");
                    continue;
                }
                producer(Keys.getLong(key, 0), Keys.getLong(key, 8), it.value(), nextProducerId);
            }
            it.status();
        }
    }

    private void producer(long producerId, long topicId, byte[] value, long nextProducerId) {
        CheckReport.TopicSummary topic = topics.get(topicId);
        String name = topic == null ? "topic id " + topicId : topic.name();
        if (topic == null) {
            findings.add(Kind.PRODUCER_STATE, name, "producer " + producerId + " has state on a topic id that does not exist");
        }
        if (producerId >= nextProducerId) {
            findings.add(Kind.PRODUCER_STATE, name, "producer " + producerId + " is not below the producer-id counter ("
                    + nextProducerId + "), so its id could be handed out again");
        }
        List<AppendResult> remembered;
        try {
            remembered = ProducerStates.rememberedResults(value);
        } catch (IllegalArgumentException e) {
            findings.add(Kind.PRODUCER_STATE, name, "producer " + producerId + ": " + e.getMessage());
            return;
        }
        for (AppendResult r : remembered) {
            if (topic != null && r.nextOffset() > topic.endOffset()) {
                findings.add(Kind.PRODUCER_STATE, name, r.baseOffset(), r.nextOffset(), "producer " + producerId
                        + " remembers a batch at these offsets, beyond the end offset " + topic.endOffset());
            }
        }
    }
}
