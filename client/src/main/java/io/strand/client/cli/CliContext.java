package io.strand.client.cli;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a CLI run gets from outside besides its arguments: standard input, and the stop signal that
 * ends a {@code --follow} command (Ctrl-C in {@link StrandCli#main}; a test calls {@link #stop()}).
 * Standard output and error are the picocli {@code CommandLine}'s writers.
 */
public final class CliContext {

    private final InputStream stdin;
    private final CountDownLatch stop = new CountDownLatch(1);

    public CliContext(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    /** Ends a running {@code --follow} command. */
    public void stop() {
        stop.countDown();
    }

    boolean awaitStop(long millis) throws InterruptedException {
        return stop.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean stopped() {
        return stop.getCount() == 0;
    }
}
