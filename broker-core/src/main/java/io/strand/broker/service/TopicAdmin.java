package io.strand.broker.service;

import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import io.strand.storage.Durability;
import io.strand.storage.LogStore;
import io.strand.storage.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The topic admin calls and the mapping of topic settings between the wire and the store. Following
 * the IDL, a retention value that is absent or ≤ 0 means "keep forever" / "no limit"; an unknown
 * durability value (a newer client's enum) is INVALID_REQUEST.
 */
final class TopicAdmin {
    private final LogStore store;

    TopicAdmin(LogStore store) {
        this.store = store;
    }

    TopicInfo create(String name, TopicConfig config) {
        return toWire(store.createTopic(TopicNames.validate(name), toStorage(config)));
    }

    void delete(String name) {
        store.deleteTopic(TopicNames.validate(name));
    }

    List<TopicInfo> list() {
        List<TopicInfo> topics = new ArrayList<>();
        for (io.strand.storage.TopicInfo topic : store.topics()) {
            topics.add(toWire(topic));
        }
        return topics;
    }

    TopicInfo describe(String name) {
        String topic = TopicNames.validate(name);
        return store.find(topic).map(log -> toWire(log.info()))
                .orElseThrow(() -> RequestException.unknownTopic(topic));
    }

    static io.strand.storage.TopicConfig toStorage(TopicConfig config) {
        if (config == null) {
            return io.strand.storage.TopicConfig.DEFAULTS;
        }
        Optional<Duration> retention = config.isSetRetentionMs() && config.getRetentionMs() > 0
                ? Optional.of(Duration.ofMillis(config.getRetentionMs())) : Optional.empty();
        OptionalLong retentionBytes = config.isSetRetentionBytes() && config.getRetentionBytes() > 0
                ? OptionalLong.of(config.getRetentionBytes()) : OptionalLong.empty();
        Optional<Durability> durability = Optional.empty();
        if (config.isSetDurability()) {
            durability = Optional.of(switch (config.getDurability()) {
                case WAL -> Durability.WAL;
                case FSYNC -> Durability.FSYNC;
            });
        }
        return new io.strand.storage.TopicConfig(retention, retentionBytes, durability);
    }

    static TopicConfig toWire(io.strand.storage.TopicConfig config) {
        TopicConfig wire = new TopicConfig();
        config.retention().ifPresent(r -> wire.setRetentionMs(r.toMillis()));
        config.retentionBytes().ifPresent(wire::setRetentionBytes);
        config.durability().ifPresent(d -> wire.setDurability(PublishService.toWire(d)));
        return wire;
    }

    static TopicInfo toWire(io.strand.storage.TopicInfo info) {
        return new TopicInfo(info.name(), info.startOffset(), info.endOffset(), info.sizeBytes(),
                toWire(info.config()), info.createdAt());
    }
}
