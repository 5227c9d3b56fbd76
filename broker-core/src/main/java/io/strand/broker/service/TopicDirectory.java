package io.strand.broker.service;

import io.strand.storage.LogStore;
import io.strand.storage.TopicInfo;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The names of the store's topics, kept in memory so that matching subscriptions against every topic
 * costs no store call. Filled from the store at start (after the service's listener is registered, so
 * no creation is missed) and kept current by topic events. Thread-safe.
 */
final class TopicDirectory {
    private final NavigableSet<String> names = new ConcurrentSkipListSet<>();

    void load(LogStore store) {
        for (TopicInfo topic : store.topics()) {
            names.add(topic.name());
        }
    }

    void added(String topic) {
        names.add(topic);
    }

    void removed(String topic) {
        names.remove(topic);
    }

    List<String> names() {
        return List.copyOf(names);
    }

    int size() {
        return names.size();
    }
}
