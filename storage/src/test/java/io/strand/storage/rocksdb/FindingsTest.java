package io.strand.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.storage.CheckFinding;
import io.strand.storage.CheckFinding.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingsTest {
    @Test
    void findingsOfOneKindOnOneTopicAreCappedWithACountOfTheRest() {
        Findings findings = new Findings();
        for (int i = 0; i < Findings.LIMIT + 50; i++) {
            findings.add(Kind.TIME_INDEX, "t", i, i + 1, "entry " + i);
        }
        findings.add(Kind.TIME_INDEX, "u", 0, 1, "another topic is counted apart");
        findings.add(Kind.GAP, "t", 5, 6, "another kind is counted apart");

        List<CheckFinding> all = findings.all();

        assertEquals(Findings.LIMIT + 3, all.size());
        CheckFinding rest = all.get(all.size() - 1);
        assertEquals(Kind.TIME_INDEX, rest.kind());
        assertEquals(Optional.of("t"), rest.topic());
        assertEquals("and 50 more findings like the above, not listed", rest.detail());
    }
}
