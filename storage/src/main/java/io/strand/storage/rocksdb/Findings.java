package io.strand.storage.rocksdb;

import io.strand.storage.CheckFinding;
import io.strand.storage.CheckFinding.Kind;
import io.strand.storage.CheckFinding.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the offline check has found so far, in the order found. Bounded: after {@value #LIMIT} findings
 * of one kind on one topic the rest are only counted, and {@link #all} ends with one finding per such
 * (topic, kind) saying how many more there were — a store whose time index is gone would otherwise
 * produce one finding per batch. One check's thread only.
 */
final class Findings {
    static final int LIMIT = 100;

    private final List<CheckFinding> found = new ArrayList<>();
    private final Map<Key, Integer> counts = new LinkedHashMap<>();

    /** A finding about a topic and a range of its offsets, {@code [from, to)}. */
    void add(Kind kind, String topic, long from, long to, String detail) {
        add(new CheckFinding(kind, Optional.of(topic), Optional.of(new Range(from, to)), detail));
    }

    /** A finding about a topic as a whole. */
    void add(Kind kind, String topic, String detail) {
        add(new CheckFinding(kind, Optional.of(topic), Optional.empty(), detail));
    }

    /** A finding about the directory as a whole. */
    void add(Kind kind, String detail) {
        add(new CheckFinding(kind, Optional.empty(), Optional.empty(), detail));
    }

    private void add(CheckFinding finding) {
        int count = counts.merge(new Key(finding.kind(), finding.topic()), 1, Integer::sum);
        if (count <= LIMIT) {
            found.add(finding);
        }
    }

    /** Everything found, then one line per (topic, kind) whose findings went past the limit. */
    List<CheckFinding> all() {
        List<CheckFinding> out = new ArrayList<>(found);
        counts.forEach((key, count) -> {
            if (count > LIMIT) {
                out.add(new CheckFinding(key.kind, key.topic, Optional.empty(), "and " + (count - LIMIT)
                        + " more findings like the above, not listed"));
            }
        });
        return out;
    }

    private record Key(Kind kind, Optional<String> topic) {
    }
}
