package io.strand.storage.rocksdb;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Idempotent-producer state: for each (producer id, topic id) the last {@value #REMEMBERED} sequences
 * and the {@link AppendResult} each got. Kept in memory and in the {@code producers} family
 * ({@code producerId:8 ‖ topicId:8 → n:1 ‖ (sequence:8 ‖ baseOffset:8 ‖ count:4 ‖ timestamp:8 ‖
 * durability:1)*n}, oldest first), written in the same WriteBatch as the batch it describes, so after
 * a crash the state matches the log exactly.
 *
 * <p>Rules: the first batch of a producer on a topic may have any sequence; afterwards the next one
 * must be last + 1. A remembered sequence is a retry (the original result comes back, marked
 * duplicate); anything else is OUT_OF_ORDER_SEQUENCE. Writer thread only, after {@link #load}.
 *
 * <p>Bounds: any client can ask for producer ids, so the states are bounded in number ({@code
 * maxStates}, least recently used forgotten first) and in time (a state whose last append is older
 * than {@code expiryMillis} is forgotten). Both are applied when a state is remembered, and the
 * forgotten states' keys are deleted in the same WriteBatch. A forgotten producer's next batch is taken
 * as its first on that topic: only a retry of a batch acknowledged before it was forgotten could then be
 * stored twice — which needs a producer silent for the whole expiry, or more than {@code maxStates}
 * producer × topic pairs appending in between, far beyond a client's delivery timeout.
 */
final class ProducerStates {
    static final int REMEMBERED = 5;
    private static final int ENTRY_BYTES = 29;

    /** In access order: the first entry is the least recently checked or remembered. */
    private final LinkedHashMap<ProducerKey, ArrayDeque<Entry>> states;
    private final int maxStates;
    private final long expiryMillis;
    private volatile int sizeSnapshot;
    private volatile long forgottenSnapshot;

    private ProducerStates(LinkedHashMap<ProducerKey, ArrayDeque<Entry>> states, int maxStates, long expiryMillis) {
        this.states = states;
        this.maxStates = maxStates;
        this.expiryMillis = expiryMillis;
    }

    static ProducerStates load(StoreDb db, int maxStates, Duration expiry) {
        Map<ProducerKey, ArrayDeque<Entry>> loaded = new HashMap<>();
        try (RocksIterator it = db.iterator(Cf.PRODUCERS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                loaded.put(new ProducerKey(Keys.getLong(key, 0), Keys.getLong(key, 8)), decode(it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw StoreDb.failure("loading producer state", e);
        }
        LinkedHashMap<ProducerKey, ArrayDeque<Entry>> states = new LinkedHashMap<>(16, 0.75f, true);
        loaded.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> lastAppendMillis(e.getValue())))
                .forEach(e -> states.put(e.getKey(), e.getValue()));
        ProducerStates loadedStates = new ProducerStates(states, maxStates, expiry.toMillis());
        loadedStates.sizeSnapshot = states.size();
        return loadedStates;
    }

    /** States remembered now; any thread (a snapshot the writer keeps current). */
    int sizeSnapshot() {
        return sizeSnapshot;
    }

    /** States forgotten by the bounds since the store opened; any thread. */
    long forgottenSnapshot() {
        return forgottenSnapshot;
    }

    private static long lastAppendMillis(ArrayDeque<Entry> entries) {
        return entries.isEmpty() ? Long.MIN_VALUE : entries.getLast().result.timestamp();
    }

    /**
     * Checks a batch's sequence: empty when it is new and in order, the original result (marked
     * duplicate) when it is a retry. Changes nothing.
     *
     * @throws StorageException OUT_OF_ORDER_SEQUENCE
     */
    Optional<AppendResult> check(long producerId, TopicState topic, long sequence) {
        ArrayDeque<Entry> entries = states.get(new ProducerKey(producerId, topic.id())); // marks it recently used
        if (entries == null) {
            return Optional.empty();
        }
        for (Entry e : entries) {
            if (e.sequence == sequence) {
                AppendResult r = e.result;
                return Optional.of(new AppendResult(r.baseOffset(), r.count(), r.timestamp(), r.durability(), true));
            }
        }
        long last = entries.getLast().sequence;
        if (sequence == last + 1) {
            return Optional.empty();
        }
        if (sequence > last) {
            throw new StorageException(StorageError.OUT_OF_ORDER_SEQUENCE, "producer " + producerId + " sent sequence "
                    + sequence + " to topic '" + topic.name() + "' but the next expected sequence is " + (last + 1)
                    + "; a batch in between was lost — resend from sequence " + (last + 1));
        }
        throw new StorageException(StorageError.OUT_OF_ORDER_SEQUENCE, "producer " + producerId + " sent sequence "
                + sequence + " to topic '" + topic.name() + "', which is older than the last " + REMEMBERED
                + " sequences remembered (last is " + last + "); it cannot be recognised as a retry");
    }

    /** Records the result of a newly appended batch and stages the updated entry. */
    void remember(GroupCommit group, long producerId, long topicId, long sequence, AppendResult result)
            throws RocksDBException {
        ProducerKey key = new ProducerKey(producerId, topicId);
        ArrayDeque<Entry> entries = states.computeIfAbsent(key, k -> new ArrayDeque<>(REMEMBERED));
        if (entries.size() == REMEMBERED) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(sequence, result));
        group.put(Cf.PRODUCERS, Keys.producer(producerId, topicId), encode(entries));
        forgetBeyondBounds(group, result.timestamp());
        sizeSnapshot = states.size();
    }

    /** Forgets least recently used states while there are too many or the eldest has expired. */
    private void forgetBeyondBounds(GroupCommit group, long nowMillis) throws RocksDBException {
        Iterator<Map.Entry<ProducerKey, ArrayDeque<Entry>>> eldest = states.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<ProducerKey, ArrayDeque<Entry>> e = eldest.next();
            boolean tooMany = states.size() > maxStates;
            boolean expired = nowMillis - lastAppendMillis(e.getValue()) > expiryMillis;
            if (!tooMany && !expired) {
                return;
            }
            group.delete(Cf.PRODUCERS, Keys.producer(e.getKey().producerId, e.getKey().topicId));
            eldest.remove();
            forgottenSnapshot = forgottenSnapshot + 1; // single writer
        }
    }

    /** Forgets, and stages the deletion of, every producer's state on the topic. */
    void forgetTopic(GroupCommit group, long topicId) throws RocksDBException {
        for (Iterator<ProducerKey> it = states.keySet().iterator(); it.hasNext(); ) {
            ProducerKey key = it.next();
            if (key.topicId == topicId) {
                group.delete(Cf.PRODUCERS, Keys.producer(key.producerId, key.topicId));
                it.remove();
            }
        }
        sizeSnapshot = states.size();
    }

    private static byte[] encode(ArrayDeque<Entry> entries) {
        ByteBuffer b = ByteBuffer.allocate(1 + entries.size() * ENTRY_BYTES);
        b.put((byte) entries.size());
        for (Entry e : entries) {
            AppendResult r = e.result;
            b.putLong(e.sequence).putLong(r.baseOffset()).putInt(r.count()).putLong(r.timestamp())
                    .put((byte) r.durability().ordinal());
        }
        return b.array();
    }

    /**
     * The results remembered in one stored value, oldest first; for the offline check.
     *
     * @throws IllegalArgumentException when the value is not a well-formed producer state
     */
    static java.util.List<AppendResult> rememberedResults(byte[] value) {
        if (value.length == 0 || value.length != 1 + value[0] * ENTRY_BYTES) {
            throw new IllegalArgumentException("a producer state of " + value.length + " bytes is malformed");
        }
        try {
            return decode(value).stream().map(Entry::result).toList();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a producer state cannot be decoded: " + e, e);
        }
    }

    private static ArrayDeque<Entry> decode(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        int n = b.get();
        ArrayDeque<Entry> entries = new ArrayDeque<>(REMEMBERED);
        for (int i = 0; i < n; i++) {
            long sequence = b.getLong();
            AppendResult r = new AppendResult(b.getLong(), b.getInt(), b.getLong(), Durability.values()[b.get()], false);
            entries.addLast(new Entry(sequence, r));
        }
        return entries;
    }

    private record ProducerKey(long producerId, long topicId) {
    }

    private record Entry(long sequence, AppendResult result) {
    }
}
