package io.strand.broker;

import io.strand.storage.CheckFinding;
import io.strand.storage.CheckReport;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * {@code strand check --json}: a {@link CheckReport} as one JSON object —
 * <pre>
 * {"dataDir": "...", "clean": false,
 *  "totals": {"topics": 2, "batches": 4, "records": 12, "bytes": 345, "subscriptions": 1, "cursors": 2, "producerStates": 1},
 *  "topics": [{"name": "orders", "id": 1, "startOffset": 0, "endOffset": 9, "batches": 3, "records": 9, "bytes": 240}],
 *  "findings": [{"kind": "CORRUPT_BATCH", "problem": true, "label": "corrupt batch", "topic": "orders",
 *                "offsets": {"from": 3, "to": 7}, "detail": "..."}]}
 * </pre>
 * {@code topic} and {@code offsets} are null when a finding has none. Written by hand: the shape is
 * small and fixed, and broker-core has no JSON library of its own.
 */
final class CheckReportJson {

    private CheckReportJson() {
    }

    static String render(CheckReport report) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"dataDir\":").append(quote(report.dataDir().toString()))
                .append(",\"clean\":").append(report.clean());
        CheckReport.Totals t = report.totals();
        out.append(",\"totals\":{\"topics\":").append(t.topics()).append(",\"batches\":").append(t.batches())
                .append(",\"records\":").append(t.records()).append(",\"bytes\":").append(t.bytes())
                .append(",\"subscriptions\":").append(t.subscriptions()).append(",\"cursors\":").append(t.cursors())
                .append(",\"producerStates\":").append(t.producerStates()).append('}');
        array(out, "topics", report.topics(), (b, topic) -> b.append("{\"name\":").append(quote(topic.name()))
                .append(",\"id\":").append(topic.id()).append(",\"startOffset\":").append(topic.startOffset())
                .append(",\"endOffset\":").append(topic.endOffset()).append(",\"batches\":").append(topic.batches())
                .append(",\"records\":").append(topic.records()).append(",\"bytes\":").append(topic.bytes()).append('}'));
        array(out, "findings", report.findings(), CheckReportJson::finding);
        return out.append('}').toString();
    }

    private static void finding(StringBuilder b, CheckFinding f) {
        b.append("{\"kind\":").append(quote(f.kind().name())).append(",\"problem\":").append(f.kind().problem())
                .append(",\"label\":").append(quote(f.kind().label()))
                .append(",\"topic\":").append(f.topic().map(CheckReportJson::quote).orElse("null"))
                .append(",\"offsets\":").append(f.offsets().map(r -> "{\"from\":" + r.from() + ",\"to\":" + r.to() + "}")
                        .orElse("null"))
                .append(",\"detail\":").append(quote(f.detail())).append('}');
    }

    private static <T> void array(StringBuilder out, String name, List<T> items, BiConsumer<StringBuilder, T> item) {
        out.append(",\"").append(name).append("\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            item.accept(out, items.get(i));
        }
        out.append(']');
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
