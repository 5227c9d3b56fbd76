package io.strand.benchmarks.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads every topic's whole log back and checks it against what was acknowledged:
 * <ul>
 *   <li>offsets are dense from 0 to the end ({@link Violation#GAPS});</li>
 *   <li>every stored payload is a well-formed chaos payload of that topic ({@link Violation#CORRUPT});</li>
 *   <li>no (publisher, sequence) is stored twice, in any topic ({@link Violation#DUPLICATED});</li>
 *   <li>a publisher's messages of one topic are stored in send order ({@link Violation#REORDERED}) —
 *       the client promises it, and an idempotent retry that slipped in late would break it;</li>
 *   <li>every acknowledged offset is below the end and holds exactly the acknowledged payload
 *       ({@link Violation#LOST}).</li>
 * </ul>
 * The acknowledgements are a snapshot taken before the read, so each of them was stored before the
 * read began and must be found; acknowledgements that arrive during the read are checked next time.
 * Every read is bounded: one pass over each topic, and the whole audit by a deadline.
 */
final class LogAudit {
    static final int READ_BATCH = 2000;
    private static final int MAX_GAP_REPORTS = 1000;

    private final LogReader reader;
    private final Violations violations;
    private final Duration timeout;

    LogAudit(LogReader reader, Violations violations, Duration timeout) {
        this.reader = reader;
        this.violations = violations;
        this.timeout = timeout;
    }

    /**
     * @param topics every topic the run publishes to
     * @param acks   topic → acknowledged offset → fingerprint, taken before this call
     */
    LogImage audit(List<String> topics, Map<String, OffsetTable> acks) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, OffsetTable> image = new HashMap<>();
        Map<String, Long> ends = new HashMap<>();
        Map<Long, Long> stored = new HashMap<>();
        long messages = 0;
        for (String topic : topics) {
            OffsetTable fingerprints = new OffsetTable();
            ReadTo read = readTopic(topic, fingerprints, stored, deadline);
            image.put(topic, fingerprints);
            ends.put(topic, read.offset());
            messages += fingerprints.size();
            checkAcks(topic, acks.getOrDefault(topic, new OffsetTable()), fingerprints, read);
        }
        acks.keySet().stream().filter(t -> !topics.contains(t)).forEach(t ->
                violations.report(Violation.LOST, t, "acknowledgements on a topic the run does not know: " + t));
        return new LogImage(image, ends, messages);
    }

    /**
     * How far a topic was read: {@code complete} when up to its end; otherwise a failure was reported and
     * acknowledgements at or beyond {@code offset} cannot be judged.
     */
    private record ReadTo(long offset, boolean complete) {
    }

    /** Reads {@code topic} from its start to its end. */
    private ReadTo readTopic(String topic, OffsetTable fingerprints, Map<Long, Long> stored, long deadline) {
        LogReader.Bounds bounds;
        try {
            bounds = reader.bounds(topic);
        } catch (RuntimeException e) {
            violations.report(Violation.BROKER_FAILURES, "audit:" + topic, "cannot describe " + topic + ": " + e);
            return new ReadTo(0, false);
        }
        reportGap(topic, 0, bounds.start(), "the log starts at " + bounds.start() + ", not 0");
        Map<Integer, Long> lastSequence = new HashMap<>();
        long next = bounds.start();
        while (next < bounds.end()) {
            if (System.nanoTime() - deadline > 0) {
                violations.report(Violation.BROKER_FAILURES, "audit:" + topic + ":timeout",
                        "reading " + topic + " back took longer than " + timeout.toSeconds() + " s");
                return new ReadTo(next, false);
            }
            List<LogReader.Stored> batch;
            try {
                batch = reader.read(topic, next, READ_BATCH);
            } catch (RuntimeException e) {
                violations.report(Violation.BROKER_FAILURES, "audit:" + topic + "@" + next,
                        "cannot read " + topic + "@" + next + ": " + e);
                return new ReadTo(next, false);
            }
            if (batch.isEmpty()) {
                reportGap(topic, next, bounds.end(), "a read at " + next + " returned nothing below the end "
                        + bounds.end());
                return new ReadTo(bounds.end(), true);
            }
            for (LogReader.Stored m : batch) {
                if (m.offset() < next) {
                    violations.report(Violation.GAPS, topic + "@" + m.offset() + ":again", "offset " + m.offset()
                            + " of " + topic + " returned again after " + (next - 1));
                    continue;
                }
                reportGap(topic, next, Math.min(m.offset(), bounds.end()), "read jumped from " + next + " to "
                        + m.offset());
                check(topic, m, fingerprints, stored, lastSequence);
                next = m.offset() + 1;
            }
        }
        return new ReadTo(next, true);
    }

    /**
     * @param stored where each (publisher, sequence) was found so far in this audit: origin key →
     *               {@link #position} (a long, not a string: the map holds every message of the log)
     */
    private void check(String topic, LogReader.Stored m, OffsetTable fingerprints, Map<Long, Long> stored,
                       Map<Integer, Long> lastSequence) {
        String where = topic + "@" + m.offset();
        fingerprints.put(m.offset(), Payload.fingerprint(m.data()));
        Optional<Payload.Origin> decoded = Payload.decode(m.data());
        if (decoded.isEmpty() || !decoded.get().topic().equals(topic)) {
            violations.report(Violation.CORRUPT, where, where + " holds " + m.data().length + " bytes that are not a "
                    + "chaos payload of this topic" + decoded.map(o -> " (it names " + o.topic() + ")").orElse(""));
            return;
        }
        Payload.Origin origin = decoded.get();
        Long earlier = stored.putIfAbsent(origin.key(), position(topic, m.offset()));
        if (earlier != null) {
            violations.report(Violation.DUPLICATED, origin.publisher() + ":" + origin.sequence(),
                    origin + " is stored twice: at " + describe(earlier) + " and at " + where);
            return; // the copy is out of place by nature; counting it as reordered too would count one fault twice
        }
        Long last = lastSequence.put(origin.publisher(), origin.sequence());
        if (last != null && last >= origin.sequence()) {
            violations.report(Violation.REORDERED, "log:" + where, where + " holds " + origin
                    + " after that publisher's seq " + last + " on the same topic");
        }
    }

    /** Topic number (of {@code chaos.tN}, else 0xffff) in the top 16 bits, offset in the low 48. */
    private static long position(String topic, long offset) {
        int n = topic.startsWith("chaos.t") ? parseOrMax(topic.substring("chaos.t".length())) : 0xffff;
        return ((long) n << 48) | offset;
    }

    private static int parseOrMax(String s) {
        try {
            return Math.min(0xffff, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return 0xffff;
        }
    }

    private static String describe(long position) {
        long n = position >>> 48;
        return (n == 0xffff ? "another topic" : "chaos.t" + n) + "@" + (position & ((1L << 48) - 1));
    }

    private void checkAcks(String topic, OffsetTable acks, OffsetTable fingerprints, ReadTo read) {
        acks.forEach((offset, fingerprint) -> {
            String where = topic + "@" + offset;
            OptionalLong stored = fingerprints.get(offset);
            if (offset >= read.offset()) {
                if (read.complete()) {
                    violations.report(Violation.LOST, where, "acknowledged " + where + " is beyond the log's end "
                            + read.offset());
                }
            } else if (stored.isEmpty()) {
                violations.report(Violation.LOST, where, "acknowledged " + where + " is missing from the log");
            } else if (stored.getAsLong() != fingerprint) {
                violations.report(Violation.LOST, where, "acknowledged " + where + " holds another payload now");
            }
        });
    }

    private void reportGap(String topic, long from, long to, String why) {
        for (long o = from; o < to && o - from < MAX_GAP_REPORTS; o++) {
            violations.report(Violation.GAPS, topic + "@" + o, topic + ": " + why);
        }
    }
}
