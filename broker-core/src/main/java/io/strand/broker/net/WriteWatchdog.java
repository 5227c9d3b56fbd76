package io.strand.broker.net;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code connection.write.timeout.ms}: one daemon thread per server that looks at every
 * connection a few times per timeout and closes those whose response write has made no progress for
 * longer than the timeout (see {@link WatchedOutputStream}). Closing the socket is the only way to
 * unblock a thread stuck in a blocking socket write; it frees the thread, the response buffer and the
 * connection's share of the memory budget.
 *
 * <p>A connection is closed between one and about 1.25 timeouts after its write stalled (the check
 * runs every quarter timeout, at least every second).
 */
final class WriteWatchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private WriteWatchdog(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static WriteWatchdog start(Duration timeout, Collection<Connection> connections, LongSupplier nanoClock,
                               String threadName) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long timeoutNanos = timeout.toNanos();
        long periodMs = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        timer.scheduleWithFixedDelay(() -> {
            long now = nanoClock.getAsLong();
            for (Connection connection : connections) {
                try {
                    connection.closeIfWriteStalled(now, timeoutNanos);
                } catch (RuntimeException e) {
                    // a failure for one connection must not end the watchdog (a scheduled task that throws is not rescheduled)
                    LoggerFactory.getLogger(WriteWatchdog.class).warn("write watchdog: {}", e.toString());
                }
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return new WriteWatchdog(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
