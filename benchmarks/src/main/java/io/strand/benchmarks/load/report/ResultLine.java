package io.strand.benchmarks.load.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The fixed machine-readable form of a result: one line of space-separated {@code key=value} pairs,
 * always starting with these keys in this order
 * <pre>system workload mode msgs msgs_per_s mb_per_s p50_us p99_us p999_us</pre>
 * then {@code max_us}, {@code fsync}, the result's extras, and {@code error} for a failed workload.
 * A value that was not measured is {@code -}. Values never contain spaces. Every line that is not a
 * result line the tool prints starts with {@code #}, so {@code grep '^system='} selects results.
 */
public final class ResultLine {

    private ResultLine() {
    }

    public static String format(Result r) {
        StringBuilder line = new StringBuilder(200);
        append(line, "system", r.system());
        append(line, "workload", r.workload().name());
        append(line, "mode", r.mode().name());
        append(line, "msgs", Long.toString(r.msgs()));
        append(line, "msgs_per_s", rate(r.msgsPerSec(), 0));
        append(line, "mb_per_s", rate(r.mbPerSec(), 1));
        Optional<LatencySummary> lat = r.latency();
        append(line, "p50_us", lat.map(l -> Long.toString(l.p50Us())).orElse("-"));
        append(line, "p99_us", lat.map(l -> Long.toString(l.p99Us())).orElse("-"));
        append(line, "p999_us", lat.map(l -> Long.toString(l.p999Us())).orElse("-"));
        append(line, "max_us", lat.map(l -> Long.toString(l.maxUs())).orElse("-"));
        append(line, "fsync", r.mode().fsync());
        r.extras().forEach((k, v) -> append(line, k, number(v)));
        r.error().ifPresent(e -> append(line, "error", token(e)));
        return line.toString();
    }

    /** Parses a result line back into its keys and values, in order. */
    public static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.trim().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: '" + pair + "' in " + line);
            }
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        if (!fields.containsKey("system") || !fields.containsKey("workload")) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        return fields;
    }

    private static void append(StringBuilder line, String key, String value) {
        if (line.length() > 0) {
            line.append(' ');
        }
        line.append(key).append('=').append(value);
    }

    static String rate(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : "-";
    }

    static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return String.format(Locale.ROOT, "%.3f", n.doubleValue());
        }
        return n.toString();
    }

    /** A value with whitespace and '=' replaced, so the line stays splittable. */
    static String token(String text) {
        String t = text.strip().replaceAll("[\\s=]+", "_");
        return t.isEmpty() ? "-" : t;
    }
}
