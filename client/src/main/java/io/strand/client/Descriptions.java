package io.strand.client;

import io.strand.api.BrokerInfo;
import io.strand.api.CursorInfo;
import io.strand.api.SubscriptionInfo;
import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds the client's description records from the broker's info structs. Stateless. */
final class Descriptions {

    private Descriptions() {
    }

    static TopicDescription topic(TopicInfo t) {
        return new TopicDescription(t.getName(), t.getStartOffset(), t.getEndOffset(), t.getSizeBytes(),
                settings(t.getConfig()), Instant.ofEpochMilli(t.getCreatedAt()));
    }

    static TopicSettings settings(TopicConfig c) {
        TopicSettings s = TopicSettings.DEFAULTS;
        if (c == null) {
            return s;
        }
        if (c.isSetRetentionMs() && c.getRetentionMs() > 0) {
            s = s.withRetention(Duration.ofMillis(c.getRetentionMs()));
        }
        if (c.isSetRetentionBytes() && c.getRetentionBytes() > 0) {
            s = s.withRetentionBytes(c.getRetentionBytes());
        }
        if (c.isSetDurability()) {
            s = s.withDurability(Wire.fromWire(c.getDurability()));
        }
        return s;
    }

    static SubscriptionDescription subscription(SubscriptionInfo s) {
        io.strand.api.Subscriber sub = s.getSubscriber();
        List<CursorDescription> cursors = new ArrayList<>();
        if (s.getCursors() != null) {
            for (CursorInfo c : s.getCursors()) {
                cursors.add(new CursorDescription(c.getTopic(), c.getCommittedOffset(), c.getEndOffset(),
                        c.getLagMessages(), Duration.ofMillis(Math.max(0, c.getLagMs()))));
            }
        }
        boolean push = sub.isSetMode() && sub.getMode() == io.strand.api.DeliveryMode.PUSH;
        Optional<String> endpoint = sub.isSetPushEndpoint()
                ? Optional.of(sub.getPushEndpoint().getHost() + ":" + sub.getPushEndpoint().getPort())
                : Optional.empty();
        return new SubscriptionDescription(sub.getName(),
                sub.isSetTopic() && !sub.getTopic().isEmpty() ? Optional.of(sub.getTopic()) : Optional.empty(),
                push, endpoint, cursors, s.isSessionActive(),
                s.isSetConsecutiveFailures() ? OptionalInt.of(s.getConsecutiveFailures()) : OptionalInt.empty(),
                s.isSetDeadLettered() ? OptionalLong.of(s.getDeadLettered()) : OptionalLong.empty(),
                Optional.ofNullable(s.getDeadLetterTopic()));
    }

    static BrokerDescription broker(BrokerInfo b) {
        return new BrokerDescription(b.getVersion(), b.isHealthy(), b.getStorageStatus() == null ? "" : b.getStorageStatus(),
                Wire.fromWire(b.getDefaultDurability()), b.getTopics(), b.getSubscriptions(),
                Duration.ofMillis(b.getUptimeMs()), b.getMaxMessageBytes(), b.getMaxBatchMessages());
    }
}
