package io.strand.storage.rocksdb;

import io.strand.storage.LogListener;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link LogListener}s. A listener that throws is logged and skipped: it must not be able
 * to stop the writer thread or fail appends that were already stored. That includes {@link Error}s such
 * as an {@link AssertionError} from a test's listener; only a {@link VirtualMachineError} (out of
 * memory, stack overflow) is let through, and the writer then fails the store rather than go on in a
 * JVM that may be broken.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final CopyOnWriteArrayList<LogListener> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(LogListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void appended(String topic, long endOffset) {
        each(l -> l.appended(topic, endOffset), "appended", topic);
    }

    void topicCreated(String topic) {
        each(l -> l.topicCreated(topic), "topicCreated", topic);
    }

    void topicDeleted(String topic) {
        each(l -> l.topicDeleted(topic), "topicDeleted", topic);
    }

    private void each(Consumer<LogListener> call, String method, String topic) {
        for (LogListener l : listeners) {
            try {
                call.accept(l);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.warn("log listener {} failed in {} for topic '{}'", l, method, topic, e);
            }
        }
    }
}
