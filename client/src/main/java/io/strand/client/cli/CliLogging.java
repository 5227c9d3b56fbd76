package io.strand.client.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging for the command line only: warnings and errors, to standard error, so that standard output
 * carries nothing but the command's result (and stays parseable with {@code --json}). Set
 * {@code STRAND_LOG_LEVEL} (e.g. {@code debug}) to see more. The library itself never configures
 * logging; this runs from {@link StrandCli#main} alone.
 */
final class CliLogging {

    private CliLogging() {
    }

    static void configure() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        String level = System.getenv("STRAND_LOG_LEVEL");
        root.setLevel(Level.toLevel(level, Level.WARN));
    }
}
