package io.strand.broker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop that {@code main} waits for.
 *
 * <p>Why not only a shutdown hook: on SIGTERM the JVM runs its hooks and then exits with status 143,
 * whatever the hooks do. Handling the signals ourselves lets {@code main} stop the broker and exit 0
 * through {@code System.exit}. A second signal while stopping halts at once (exit 130), for a user
 * who does not want to wait for in-flight requests. If the signals cannot be handled (e.g. {@code -Xrs}),
 * the shutdown hook still closes the broker, with the JVM's exit code.
 */
final class StopSignal {
    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicReference<String> name = new AtomicReference<>();

    private StopSignal() {
    }

    static StopSignal install() {
        StopSignal stop = new StopSignal();
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), stop::onSignal);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                log.warn("cannot handle SIG{} ({}); stopping relies on the JVM shutdown hook", signal, e.getMessage());
            }
        }
        return stop;
    }

    private void onSignal(Signal signal) {
        if (!name.compareAndSet(null, signal.getName())) {
            log.warn("second SIG{} while stopping: exiting now", signal.getName());
            Runtime.getRuntime().halt(130);
        }
        received.countDown();
    }

    /** Blocks until SIGTERM or SIGINT arrives; returns its name (TERM, INT). */
    String await() throws InterruptedException {
        received.await();
        return name.get();
    }
}
