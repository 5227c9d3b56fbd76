package io.strand.storage.rocksdb;

import io.strand.storage.LogListener;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link LogListener}s. A listener that throws is logged and skipped: it must not be able
 * to stop the writer thread or fail appends that were already stored.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final CopyOnWriteArrayList<LogListener> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(LogListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void appended(String topic, long endOffset) {
        for (LogListener l : listeners) {
            try {
                l.appended(topic, endOffset);
            } catch (RuntimeException e) {
                LOG.warn("log listener {} failed on appended({}, {})", l, topic, endOffset, e);
            }
        }
    }

    void topicCreated(String topic) {
        for (LogListener l : listeners) {
            try {
                l.topicCreated(topic);
            } catch (RuntimeException e) {
                LOG.warn("log listener {} failed on topicCreated({})", l, topic, e);
            }
        }
    }

    void topicDeleted(String topic) {
        for (LogListener l : listeners) {
            try {
                l.topicDeleted(topic);
            } catch (RuntimeException e) {
                LOG.warn("log listener {} failed on topicDeleted({})", l, topic, e);
            }
        }
    }
}
