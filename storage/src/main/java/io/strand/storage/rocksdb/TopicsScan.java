package io.strand.storage.rocksdb;

import io.strand.storage.CheckFinding.Kind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The offline check's reading of the {@code topics} family ({@link Keys}: {@code 'T' ‖ id} metadata,
 * {@code 'N' ‖ name} → id, {@code 'S' ‖ id} start and size). Unlike {@link TopicCatalog#load} it never
 * stops at the first bad entry: it reports every undecodable or dangling one and returns every topic id
 * that has metadata, decodable or not, so the rest of the check can still look at its data.
 */
final class TopicsScan {
    private final Findings findings;
    private final Map<Long, TopicMetadata> metadata = new HashMap<>();
    private final SortedMap<Long, String> namesById = new TreeMap<>();
    private final Map<String, Long> idsByName = new HashMap<>();
    private final Map<Long, byte[]> states = new HashMap<>();

    private TopicsScan(Findings findings) {
        this.findings = findings;
    }

    /** The topics of the store by id, with their problems added to {@code findings}. */
    static SortedMap<Long, CheckedTopic> run(StoreDb db, Findings findings) throws RocksDBException {
        TopicsScan scan = new TopicsScan(findings);
        try (RocksIterator it = db.iterator(Cf.TOPICS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                scan.entry(it.key(), it.value());
            }
            it.status();
        }
        return scan.crossCheck();
    }

    private void entry(byte[] key, byte[] value) {
        byte tag = key.length == 0 ? 0 : key[0];
        if (tag == Keys.TOPIC_META && key.length == 9) {
            long id = Keys.getLong(key, 1);
            namesById.put(id, "topic id " + id);
            try {
                TopicMetadata m = TopicMetadata.decode(id, value);
                metadata.put(id, m);
                namesById.put(id, m.name());
            } catch (RuntimeException e) {
                findings.add(Kind.TOPIC_METADATA, "topic id " + id, "its metadata cannot be decoded (" + e + ");"
                        + " the store will refuse to open");
            }
        } else if (tag == Keys.TOPIC_NAME && value.length == 8) {
            idsByName.put(new String(key, 1, key.length - 1, StandardCharsets.UTF_8), Keys.getLong(value, 0));
        } else if (tag == Keys.TOPIC_STATE && key.length == 9 && value.length == 16) {
            states.put(Keys.getLong(key, 1), value);
        } else {
            findings.add(Kind.TOPIC_METADATA, "an entry of the topics family is malformed (key of " + key.length
                    + " bytes starting with '" + (char) tag + "', value of " + value.length + " bytes)");
        }
    }

    private SortedMap<Long, CheckedTopic> crossCheck() {
        SortedMap<Long, CheckedTopic> topics = new TreeMap<>();
        for (Map.Entry<Long, String> e : namesById.entrySet()) {
            long id = e.getKey();
            String name = e.getValue();
            TopicMetadata m = metadata.get(id);
            if (m != null && !Long.valueOf(id).equals(idsByName.get(m.name()))) {
                findings.add(Kind.TOPIC_METADATA, name, idsByName.containsKey(m.name())
                        ? "its name entry points at topic id " + idsByName.get(m.name()) + " instead of " + id
                        : "it has no name entry, so it cannot be found by name");
            }
            byte[] state = states.get(id);
            if (state == null) {
                findings.add(Kind.TOPIC_METADATA, name, "it has no persisted start offset and size; open assumes start 0");
            }
            topics.put(id, new CheckedTopic(id, name, state == null ? 0 : TopicStates.startOffset(state),
                    state == null ? 0 : TopicStates.sizeBytes(state)));
        }
        idsByName.forEach((name, id) -> {
            if (!namesById.containsKey(id)) {
                findings.add(Kind.TOPIC_METADATA, name, "its name entry points at topic id " + id + ", which has no metadata");
            }
        });
        states.keySet().stream().filter(id -> !namesById.containsKey(id)).sorted().forEach(id ->
                findings.add(Kind.UNKNOWN_TOPIC_DATA, "topic id " + id, "a persisted start offset and size without topic metadata"));
        return topics;
    }
}
