package io.strand.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link StoreCheck} found in one data directory. Immutable.
 *
 * <p>Made to be printed: {@link #lines()} (and {@link #toString()}, the same lines joined) give a
 * header with the verdict, the totals, one line per topic and one per finding, problems first.
 *
 * @param dataDir  the directory checked
 * @param topics   one summary per topic with metadata, by topic id
 * @param findings problems first, then notes; each in the order found (by topic id, then offset)
 * @param totals   counts over the whole directory
 */
public record CheckReport(Path dataDir, List<TopicSummary> topics, List<CheckFinding> findings, Totals totals) {

    public CheckReport {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(totals, "totals");
        topics = List.copyOf(topics);
        List<CheckFinding> ordered = new ArrayList<>(findings.size());
        findings.stream().filter(f -> f.kind().problem()).forEach(ordered::add);
        findings.stream().filter(f -> !f.kind().problem()).forEach(ordered::add);
        findings = List.copyOf(ordered);
    }

    /** True when no finding is a problem (notes allowed). */
    public boolean clean() {
        return problems().isEmpty();
    }

    public List<CheckFinding> problems() {
        return findings.stream().filter(f -> f.kind().problem()).toList();
    }

    public List<CheckFinding> notes() {
        return findings.stream().filter(f -> !f.kind().problem()).toList();
    }

    /** The report as lines of text, ready to print. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int problems = problems().size();
        int notes = findings.size() - problems;
        out.add("check of " + dataDir + ": " + (problems == 0 ? "clean" : problems + (problems == 1 ? " problem" : " problems"))
                + (notes == 0 ? "" : ", " + notes + (notes == 1 ? " note" : " notes")));
        out.add("  " + totals);
        for (TopicSummary t : topics) {
            out.add("  " + t);
        }
        for (CheckFinding f : findings) {
            out.add("  " + f);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }

    /**
     * One topic as found on disk.
     *
     * @param startOffset the persisted start offset
     * @param endOffset   the end offset the store recovers on open (its start when the log is empty)
     * @param bytes       bytes of stored batch values
     */
    public record TopicSummary(String name, long id, long startOffset, long endOffset, long batches, long records,
                               long bytes) {
        @Override
        public String toString() {
            return "topic '" + name + "' (id " + id + "): offsets [" + startOffset + ", " + endOffset + "), " + batches
                    + " batches, " + records + " records, " + bytes + " bytes";
        }
    }

    /**
     * Counts over the directory. Batches, records and bytes count what is stored, corrupt batches
     * included as far as their size is known (a corrupt batch adds its bytes but not its records).
     */
    public record Totals(int topics, long batches, long records, long bytes, int subscriptions, long cursors,
                         long producerStates) {
        @Override
        public String toString() {
            return "topics " + topics + ", batches " + batches + ", records " + records + ", bytes " + bytes
                    + ", subscriptions " + subscriptions + ", cursors " + cursors + ", producer states " + producerStates;
        }
    }
}
