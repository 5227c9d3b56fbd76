package io.strand.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Counts the WARN and ERROR lines the broker logs while attached to the root logger — what a user
 * would see — so a test can check that a misbehaving client cannot flood the log.
 */
final class LogCounter extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    static LogCounter attach() {
        LogCounter counter = new LogCounter();
        counter.setContext(counter.root.getLoggerContext());
        counter.setName("test-log-counter");
        counter.start();
        counter.root.addAppender(counter);
        return counter;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            events.add(event);
        }
    }

    /** WARN and ERROR lines so far. */
    List<ILoggingEvent> warnings() {
        return List.copyOf(events);
    }

    long errors() {
        return events.stream().filter(e -> e.getLevel() == Level.ERROR).count();
    }

    /** The lines, one per line, for an assertion message. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : events) {
            out.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ")
                    .append(e.getFormattedMessage(), 0, Math.min(300, e.getFormattedMessage().length())).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
