package io.strand.storage;

/**
 * Told about changes to a {@link LogStore}'s topics. All methods are called on the store's writer
 * thread (or the thread that created/deleted a topic, while it holds the store's topic lock, so creations and
 * deletions of one name arrive in the order they happened) and must return quickly without blocking;
 * defaults do nothing.
 */
public interface LogListener {
    /** Records were appended to {@code topic}; its end offset is now {@code endOffset}. */
    default void appended(String topic, long endOffset) {
    }

    default void topicCreated(String topic) {
    }

    default void topicDeleted(String topic) {
    }
}
