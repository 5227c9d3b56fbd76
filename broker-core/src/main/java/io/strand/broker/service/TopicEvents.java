package io.strand.broker.service;

import io.strand.broker.waiters.FetchWaiters;
import io.strand.storage.LogListener;

/**
 * The service's one store listener. Order matters: the topic directory and the subscriptions' topic
 * sets are updated before waiters are woken, so a woken fetch already sees the new topic. Everything
 * here is in-memory and non-blocking, as the store requires of listeners (they run on its writer
 * thread or a topic creator's).
 */
final class TopicEvents implements LogListener {
    private final TopicDirectory directory;
    private final Subscriptions subscriptions;
    private final FetchWaiters waiters;

    TopicEvents(TopicDirectory directory, Subscriptions subscriptions, FetchWaiters waiters) {
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.waiters = waiters;
    }

    @Override
    public void appended(String topic, long endOffset) {
        waiters.appended(topic, endOffset);
    }

    @Override
    public void topicCreated(String topic) {
        directory.added(topic);
        subscriptions.topicCreated(topic);
        waiters.topicCreated(topic);
    }

    @Override
    public void topicDeleted(String topic) {
        directory.removed(topic);
        subscriptions.topicDeleted(topic);
        waiters.topicDeleted(topic);
    }
}
