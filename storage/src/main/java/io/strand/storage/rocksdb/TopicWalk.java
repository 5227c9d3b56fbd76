package io.strand.storage.rocksdb;

import io.strand.storage.CheckFinding.Kind;
import io.strand.storage.CheckReport;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The offline check of one topic's log: walks its batches in {@code log} and its entries in
 * {@code timeindex} side by side (both are in base-offset order, since a topic's timestamps never
 * decrease), so memory stays constant however long the log is.
 *
 * <p>For each batch: CRC and format ({@link BatchCodec#verify}); position — the first batch must start
 * at the persisted start offset and each next one where the previous ended, else a GAP or OVERLAP with
 * its offsets; its time-index entry — present, same count, size and timestamp; timestamps never going
 * back. A corrupt batch's count comes from its time-index entry when there is one, else its range ends
 * where the next batch starts. At the end, the end offset that open would recover ({@link EndRecovery})
 * must equal where the walk ended, and the persisted size should equal the bytes seen (a note if not).
 * One check's thread only.
 */
final class TopicWalk {
    private final CheckedTopic topic;
    private final Findings findings;
    private long expected;
    private boolean positionKnown = true;
    private long corruptFrom = -1;
    private String corruptWhy;
    private long batches;
    private long records;
    private long bytes;
    private long lastTimestamp = Long.MIN_VALUE;

    private TopicWalk(CheckedTopic topic, Findings findings) {
        this.topic = topic;
        this.findings = findings;
        this.expected = topic.start();
    }

    /**
     * Checks the topic; the iterators are positioned here. A RocksDB read error (e.g. a block checksum
     * mismatch in an SST file) ends the walk with a STORE problem saying how far it got.
     */
    static CheckReport.TopicSummary run(CheckedTopic topic, RocksIterator log, RocksIterator timeIndex, Findings findings) {
        TopicWalk walk = new TopicWalk(topic, findings);
        try {
            return walk.walk(log, timeIndex);
        } catch (RocksDBException e) {
            findings.add(Kind.STORE, topic.name(), "RocksDB failed to read the topic's log or time index after offset "
                    + walk.expected + ": " + StoreDb.describe(e) + "; the rest of the topic is unchecked");
            return walk.summary(walk.expected);
        }
    }

    private CheckReport.TopicSummary walk(RocksIterator log, RocksIterator timeIndex) throws RocksDBException {
        long id = topic.id();
        log.seek(Keys.topicStart(id));
        timeIndex.seek(Keys.topicStart(id));
        for (; log.isValid() && sameTopic(log.key(), id); log.next()) {
            if (log.key().length != 16) {
                findings.add(Kind.STORE, topic.name(), "a key of " + log.key().length + " bytes in the log family; keys are 16");
                continue;
            }
            long base = Keys.getLong(log.key(), 8);
            byte[] entry = entryFor(timeIndex, base);
            batch(base, log.value(), entry == null ? null : timeIndex.key(), entry);
            if (entry != null) {
                timeIndex.next();
            }
        }
        log.status();
        danglingEntries(timeIndex, Long.MAX_VALUE);
        timeIndex.status();
        return finish(log, timeIndex);
    }

    private static boolean sameTopic(byte[] key, long id) {
        return key.length >= 8 && Keys.getLong(key, 0) == id;
    }

    /** Reports entries before {@code base} as dangling; returns the value of the entry for {@code base}, if any. */
    private byte[] entryFor(RocksIterator timeIndex, long base) {
        danglingEntries(timeIndex, base);
        if (timeIndex.isValid() && sameTopic(timeIndex.key(), topic.id()) && Keys.getLong(timeIndex.key(), 16) == base) {
            return timeIndex.value();
        }
        return null;
    }

    private void danglingEntries(RocksIterator timeIndex, long below) {
        for (; timeIndex.isValid() && sameTopic(timeIndex.key(), topic.id()); timeIndex.next()) {
            if (timeIndex.key().length != 24 || timeIndex.value().length != 8) {
                findings.add(Kind.STORE, topic.name(), "a malformed entry in the timeindex family (key " + timeIndex.key().length
                        + " bytes, value " + timeIndex.value().length + "; they are 24 and 8)");
                continue;
            }
            long base = Keys.getLong(timeIndex.key(), 16);
            if (base >= below) {
                return;
            }
            findings.add(Kind.TIME_INDEX, topic.name(), base, base + Math.max(1, TimeIndexEntry.count(timeIndex.value())),
                    "a time-index entry (timestamp " + Keys.getLong(timeIndex.key(), 8) + ") points at no batch");
        }
    }

    private void batch(long base, byte[] batch, byte[] entryKey, byte[] entry) {
        batches++;
        bytes += batch.length;
        checkPosition(base);
        try {
            BatchCodec.verify(batch);
        } catch (BatchCodec.CorruptBatchException e) {
            corrupt(base, entry, e.getMessage());
            return;
        }
        int count = BatchCodec.count(batch);
        long timestamp = BatchCodec.timestamp(batch);
        records += count;
        expected = Math.max(expected, base + count);
        positionKnown = true;
        if (timestamp < lastTimestamp) {
            findings.add(Kind.TIME_INDEX, topic.name(), base, base + count, "the batch's timestamp " + timestamp
                    + " is before the previous batch's " + lastTimestamp + "; timestamps must never go back");
        }
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        if (entry == null) {
            findings.add(Kind.TIME_INDEX, topic.name(), base, base + count, "the batch has no time-index entry; time"
                    + " lookups and time retention skip it");
        } else if (TimeIndexEntry.count(entry) != count || TimeIndexEntry.batchBytes(entry) != batch.length
                || Keys.getLong(entryKey, 8) != timestamp) {
            findings.add(Kind.TIME_INDEX, topic.name(), base, base + count, "its time-index entry says " + TimeIndexEntry.count(entry)
                    + " records, " + TimeIndexEntry.batchBytes(entry) + " bytes, timestamp " + Keys.getLong(entryKey, 8)
                    + "; the batch has " + count + " records, " + batch.length + " bytes, timestamp " + timestamp);
        }
    }

    private void checkPosition(long base) {
        if (corruptFrom >= 0) {
            findings.add(Kind.CORRUPT_BATCH, topic.name(), corruptFrom, Math.max(base, corruptFrom + 1), corruptWhy);
            corruptFrom = -1;
        } else if (positionKnown && base > expected) {
            findings.add(Kind.GAP, topic.name(), expected, base, batches == 1
                    ? "the log starts at offset " + expected + " but its first batch at " + base
                    : "no batch holds these offsets; the previous batch ends at " + expected + ", the next starts at " + base);
        } else if (positionKnown && base < expected) {
            findings.add(Kind.OVERLAP, topic.name(), base, expected, batches == 1
                    ? "a batch at " + base + " is below the log's start offset " + expected
                    : "the batch at " + base + " starts before the previous one ends at " + expected);
        }
    }

    private void corrupt(long base, byte[] entry, String why) {
        if (entry != null) {
            long end = base + TimeIndexEntry.count(entry);
            findings.add(Kind.CORRUPT_BATCH, topic.name(), base, end, why + "; reads of these offsets fail with CORRUPT_RECORD");
            expected = Math.max(expected, end);
            positionKnown = true;
        } else {
            corruptFrom = base;
            corruptWhy = why + "; it has no time-index entry either, so its range ends where the next batch starts";
            positionKnown = false;
        }
    }

    private CheckReport.TopicSummary finish(RocksIterator log, RocksIterator timeIndex) throws RocksDBException {
        long end;
        try {
            end = EndRecovery.recover(log, timeIndex, topic.id(), topic.start()).end();
        } catch (BatchCodec.CorruptBatchException e) {
            findings.add(Kind.END_OFFSET, topic.name(), e.getMessage() + "; the store will refuse to open until this"
                    + " topic is repaired or deleted");
            return summary(expected);
        }
        if (corruptFrom >= 0) {
            findings.add(Kind.CORRUPT_BATCH, topic.name(), corruptFrom, Math.max(end, corruptFrom + 1), corruptWhy);
        } else if (end != expected) {
            findings.add(Kind.END_OFFSET, topic.name(), Math.min(end, expected), Math.max(end, expected), "open would"
                    + " recover the end offset " + end + " but the batches end at " + expected);
        }
        if (bytes != topic.sizeBytes()) {
            findings.add(Kind.SIZE_MISMATCH, topic.name(), "the persisted size is " + topic.sizeBytes() + " bytes; the"
                    + " stored batches take " + bytes);
        }
        return summary(end);
    }

    private CheckReport.TopicSummary summary(long end) {
        return new CheckReport.TopicSummary(topic.name(), topic.id(), topic.start(), end, batches, records, bytes);
    }
}
