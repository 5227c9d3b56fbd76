package io.strand.client.cli;

import io.strand.client.BrokerDescription;
import io.strand.client.CursorDescription;
import io.strand.client.PublishAck;
import io.strand.client.ReceivedMessage;
import io.strand.client.SubscriptionDescription;
import io.strand.client.TopicDescription;
import io.strand.client.TopicSettings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the CLI shows the client's values: one method per value for JSON (a map in a stable key order)
 * and for people (one line, or a text block). Stateless.
 */
final class Views {

    private Views() {
    }

    /** {@code topic  offset  timestamp  key  data}, tab-separated; newlines and tabs in key/data escaped. */
    static String line(ReceivedMessage m) {
        String key = m.keyAsString().map(Views::oneLine).orElse("-");
        StringBuilder line = new StringBuilder()
                .append(m.topic()).append('\t').append(m.offset()).append('\t').append(m.timestamp())
                .append('\t').append(key).append('\t').append(oneLine(m.dataAsString()));
        if (!m.headers().isEmpty()) {
            line.append('\t').append(m.headers());
        }
        return line.toString();
    }

    static Map<String, Object> json(ReceivedMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", m.topic());
        out.put("offset", m.offset());
        out.put("timestamp", m.timestamp().toString());
        out.put("timestampMs", m.timestamp().toEpochMilli());
        out.put("key", m.keyAsString().orElse(null));
        out.put("headers", new LinkedHashMap<>(m.headers()));
        byte[] data = m.data();
        if (isUtf8(data)) {
            out.put("data", new String(data, StandardCharsets.UTF_8));
        } else {
            out.put("dataBase64", Base64.getEncoder().encodeToString(data));
        }
        return out;
    }

    static Map<String, Object> json(PublishAck ack) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", ack.topic());
        out.put("offset", ack.offset());
        out.put("timestamp", ack.timestamp().toString());
        out.put("durability", ack.durability().name().toLowerCase());
        out.put("duplicate", ack.duplicate());
        return out;
    }

    static Map<String, Object> json(TopicDescription t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("startOffset", t.startOffset());
        out.put("endOffset", t.endOffset());
        out.put("messages", t.messageCount());
        out.put("sizeBytes", t.sizeBytes());
        TopicSettings s = t.settings();
        out.put("retentionMs", s.retention().map(d -> (Object) d.toMillis()).orElse(null));
        out.put("retentionBytes", s.retentionBytes().isPresent() ? s.retentionBytes().getAsLong() : null);
        out.put("durability", s.durability().map(d -> d.name().toLowerCase()).orElse(null));
        out.put("createdAt", t.createdAt().toString());
        return out;
    }

    static String retention(TopicDescription t) {
        TopicSettings s = t.settings();
        List<String> parts = new ArrayList<>();
        s.retention().ifPresent(d -> parts.add(d.toMillis() + " ms"));
        s.retentionBytes().ifPresent(b -> parts.add(b + " bytes"));
        return parts.isEmpty() ? "forever" : String.join(", ", parts);
    }

    static String durability(TopicDescription t) {
        return t.settings().durability().map(d -> d.name().toLowerCase()).orElse("default");
    }

    static Map<String, Object> json(SubscriptionDescription s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("topic", s.topic().orElse(null));
        out.put("mode", s.push() ? "push" : "pull");
        out.put("pushEndpoint", s.pushEndpoint().orElse(null));
        out.put("sessionActive", s.sessionActive());
        out.put("lag", s.totalLag());
        List<Object> cursors = new ArrayList<>();
        for (CursorDescription c : s.cursors()) {
            Map<String, Object> cursor = new LinkedHashMap<>();
            cursor.put("topic", c.topic());
            cursor.put("committedOffset", c.committedOffset());
            cursor.put("endOffset", c.endOffset());
            cursor.put("lagMessages", c.lagMessages());
            cursor.put("lagMs", c.lag().toMillis());
            cursors.add(cursor);
        }
        out.put("cursors", cursors);
        if (s.push()) {
            out.put("consecutiveFailures", s.consecutiveFailures().isPresent() ? s.consecutiveFailures().getAsInt() : null);
            out.put("deadLettered", s.deadLettered().isPresent() ? s.deadLettered().getAsLong() : null);
            out.put("deadLetterTopic", s.deadLetterTopic().orElse(null));
        }
        return out;
    }

    static Map<String, Object> json(BrokerDescription b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", b.version());
        out.put("healthy", b.healthy());
        out.put("storageStatus", b.storageStatus());
        out.put("defaultDurability", b.defaultDurability().name().toLowerCase());
        out.put("topics", b.topics());
        out.put("subscriptions", b.subscriptions());
        out.put("uptimeMs", b.uptime().toMillis());
        out.put("maxMessageBytes", b.maxMessageBytes());
        out.put("maxBatchMessages", b.maxBatchMessages());
        return out;
    }

    private static String oneLine(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static boolean isUtf8(byte[] data) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
