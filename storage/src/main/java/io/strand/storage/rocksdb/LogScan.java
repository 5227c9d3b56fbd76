package io.strand.storage.rocksdb;

import io.strand.storage.CheckFinding.Kind;
import io.strand.storage.CheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The offline check of the {@code log} and {@code timeindex} families: one {@link TopicWalk} per known
 * topic, then a pass that finds entries stored under topic ids without metadata (skipping each known
 * topic's range with one seek, so it reads only what is orphaned). A RocksDB read error (e.g. a block
 * checksum mismatch in an SST file) ends that topic's walk with a STORE problem; the others go on.
 */
final class LogScan {
    private LogScan() {
    }

    /** Summaries of the topics, in id order, with problems added to {@code findings}. */
    static List<CheckReport.TopicSummary> run(StoreDb db, SortedMap<Long, CheckedTopic> topics, Findings findings) {
        List<CheckReport.TopicSummary> summaries = new ArrayList<>(topics.size());
        try (RocksIterator log = db.iterator(Cf.LOG); RocksIterator timeIndex = db.iterator(Cf.TIMEINDEX)) {
            for (CheckedTopic topic : topics.values()) {
                summaries.add(TopicWalk.run(topic, log, timeIndex, findings));
            }
            orphans(log, "log", "batches", topics, findings);
            orphans(timeIndex, "timeindex", "time-index entries", topics, findings);
        }
        return summaries;
    }

    private static void orphans(RocksIterator it, String family, String what, SortedMap<Long, CheckedTopic> topics,
                                Findings findings) {
        try {
            it.seekToFirst();
            while (it.isValid()) {
                byte[] key = it.key();
                if (key.length < 8) {
                    findings.add(Kind.STORE, "a key of " + key.length + " bytes in the " + family + " family");
                    it.next();
                    continue;
                }
                long id = Keys.getLong(key, 0);
                if (topics.containsKey(id)) {
                    it.seek(Keys.topicEnd(id));
                    continue;
                }
                long entries = 0;
                for (; it.isValid() && it.key().length >= 8 && Keys.getLong(it.key(), 0) == id; it.next()) {
                    entries++;
                }
                findings.add(Kind.UNKNOWN_TOPIC_DATA, "topic id " + id, entries + " " + what + " stored under a topic id"
                        + " that has no metadata (a topic deletion that did not finish?)");
            }
            it.status();
        } catch (RocksDBException e) {
            findings.add(Kind.STORE, "RocksDB failed to read the " + family + " family: " + StoreDb.describe(e));
        }
    }
}
