package io.strand.benchmarks.chaos;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The log as one audit read it: per topic, the end offset and the fingerprint of the payload at every
 * offset below it. Not copied defensively; the audit that builds it hands it over and never touches it
 * again.
 *
 * @param fingerprints topic → offset → payload fingerprint
 * @param ends         topic → end offset as read
 * @param messages     messages read in all
 */
record LogImage(Map<String, OffsetTable> fingerprints, Map<String, Long> ends, long messages) {

    long end(String topic) {
        return ends.getOrDefault(topic, 0L);
    }

    OptionalLong fingerprint(String topic, long offset) {
        OffsetTable t = fingerprints.get(topic);
        return t == null ? OptionalLong.empty() : t.get(offset);
    }
}
