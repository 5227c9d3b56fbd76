package io.strand.broker;

/**
 * The broker could not start: a port is taken, the data directory is locked by another broker or
 * unreadable, ... The message is one line meant for the user, saying what failed and what to do;
 * the cause keeps the details for {@code --verbose}.
 */
public final class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
