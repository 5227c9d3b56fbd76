package io.strand.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing {@link StoreCheck} found in a data directory: what kind, on which topic and offsets, and
 * what exactly is wrong. {@link Kind#problem()} says whether it makes the store unclean; the rest are
 * notes (worth knowing, not damage).
 *
 * @param kind    what sort of finding
 * @param topic   the topic's name (or {@code "topic id N"} for data of an id without metadata); empty
 *                when the finding is about the directory as a whole
 * @param offsets the offsets concerned, if any
 * @param detail  what is wrong, in a sentence, with the numbers that show it
 */
public record CheckFinding(Kind kind, Optional<String> topic, Optional<Range> offsets, String detail) {

    public CheckFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(detail, "detail");
    }

    /** Reads e.g. {@code PROBLEM corrupt batch: topic 'orders' offsets [3, 7): CRC32C mismatch ...}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind.problem() ? "PROBLEM " : "note ").append(kind.label()).append(": ");
        topic.ifPresent(t -> b.append(t.startsWith("topic id ") ? t : "topic '" + t + "'"));
        offsets.ifPresent(r -> b.append(topic.isPresent() ? " " : "").append(r));
        if (topic.isPresent() || offsets.isPresent()) {
            b.append(": ");
        }
        return b.append(detail).toString();
    }

    /** Offsets {@code [from, to)}; a single offset has {@code to == from + 1}. */
    public record Range(long from, long to) {
        public static Range of(long offset) {
            return new Range(offset, offset + 1);
        }

        @Override
        public String toString() {
            return to == from + 1 ? "offset " + from : "offsets [" + from + ", " + to + ")";
        }
    }

    /** The kinds of finding, each a problem or a note. */
    public enum Kind {
        /** A stored batch fails its CRC32C or is malformed; reads of its offsets fail with CORRUPT_RECORD. */
        CORRUPT_BATCH(true, "corrupt batch"),
        /** Offsets no batch holds, inside the log or between its start offset and its first batch. */
        GAP(true, "gap"),
        /** A batch starts before the previous one ends, or below the topic's start offset. */
        OVERLAP(true, "overlap"),
        /** The end offset the store would recover on open disagrees with the batches, or cannot be recovered. */
        END_OFFSET(true, "end offset"),
        /** The time index disagrees with the batches (entries without a batch, batches without an entry, mismatched counts, sizes or timestamps, timestamps going back). */
        TIME_INDEX(true, "time index"),
        /** A topic's metadata, name entry or persisted state is missing, undecodable or inconsistent. */
        TOPIC_METADATA(true, "topic metadata"),
        /** Batches, time-index entries or state stored under a topic id that has no metadata. */
        UNKNOWN_TOPIC_DATA(true, "data of an unknown topic"),
        /** A cursor beyond its topic's end offset, or negative. */
        CURSOR_OUT_OF_RANGE(true, "cursor out of range"),
        /** A cursor on a topic that does not exist. */
        CURSOR_UNKNOWN_TOPIC(true, "cursor on an unknown topic"),
        /** A cursor of a subscription that does not exist. */
        CURSOR_UNKNOWN_SUBSCRIPTION(true, "cursor of an unknown subscription"),
        /** Idempotent-producer state of an unknown topic, undecodable, pointing past the end, or ahead of the id counter. */
        PRODUCER_STATE(true, "producer state"),
        /** RocksDB itself failed to read part of the directory, or a column family is missing. */
        STORE(true, "store"),
        /** A cursor below its topic's start offset: retention removed what it had not read; it resumes at the start. */
        CURSOR_TRIMMED(false, "trimmed cursor"),
        /** The persisted size of a topic differs from the sum of its batches; only retention by bytes uses it. */
        SIZE_MISMATCH(false, "size");

        private final boolean problem;
        private final String label;

        Kind(boolean problem, String label) {
            this.problem = problem;
            this.label = label;
        }

        /** True when this kind of finding means the store is damaged or inconsistent. */
        public boolean problem() {
            return problem;
        }

        public String label() {
            return label;
        }
    }
}
