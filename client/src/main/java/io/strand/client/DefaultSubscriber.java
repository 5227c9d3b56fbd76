package io.strand.client;

import io.strand.api.DeliveryMode;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Subscriber} implementation: one thread that connects, runs a {@link PullSession} until it
 * fails, and reconnects with capped exponential backoff — until closed, or until a non-retriable error
 * stops it. See {@link Subscriber} for the contract.
 */
final class DefaultSubscriber implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(DefaultSubscriber.class);

    private final SubscriberOptions options;
    private final MessageHandler handler;
    private final Connector connector;
    private final Backoff backoff;
    private final AckTracker tracker = new AckTracker();
    private final Queue<SeekRequest> seeks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    DefaultSubscriber(SubscriberOptions options, MessageHandler handler) {
        this.options = options;
        this.handler = handler;
        this.connector = new Connector(options.client());
        this.backoff = new Backoff(options.reconnectBackoff(), options.reconnectBackoffMax());
        this.thread = new Thread(this::run, "strand-subscriber-" + options.name());
        thread.setDaemon(true);
        thread.start();
    }

    private io.strand.api.Subscriber wireSubscriber() {
        io.strand.api.Subscriber s = new io.strand.api.Subscriber(options.name());
        options.topic().ifPresent(s::setTopic);
        s.setStart(Wire.toWire(options.start()));
        s.setMode(DeliveryMode.PULL);
        if (options.resetToEarliestWhenTrimmed()) {
            s.setResetToEarliestWhenTrimmed(true);
        }
        return s;
    }

    private void run() {
        int attempt = 0;
        int handlerFailures = 0; // in a row, without any message handled in between
        try {
            while (running) {
                try (Connection connection = connector.open()) {
                    PullSession session = new PullSession(options, wireSubscriber(), handler, tracker, seeks,
                            () -> running, () -> caughtUp.complete(null), connection);
                    session.open();
                    attempt = 0;
                    notifyListener(l -> l.connected());
                    session.run();
                    return;
                } catch (PullSession.HandlerFailure e) {
                    handlerFailures = e.afterProgress() ? 1 : handlerFailures + 1;
                    Duration delay = backoff.delay(handlerFailures);
                    log.warn("subscription '{}': {}; delivering it again in {} ms", options.name(), e.getMessage(),
                            delay.toMillis());
                    pause(delay);
                } catch (StrandClientException e) {
                    if (!running) {
                        return;
                    }
                    if (!(e instanceof Retriable)) {
                        log.warn("subscription '{}' stopped: {}", options.name(), e.getMessage());
                        stopWith(e);
                        return;
                    }
                    int n = ++attempt;
                    Duration delay = backoff.delay(n);
                    notifyListener(l -> l.disconnected(e));
                    notifyListener(l -> l.reconnecting(n, delay));
                    pause(delay);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("subscription '{}' failed", options.name(), e);
            stopWith(new StrandClientException(ErrorCode.INTERNAL, "subscriber failed: " + e, e));
        } finally {
            running = false;
            failPendingSeeks(new ClientClosedException("the subscriber stopped"));
            terminated.complete(null);
        }
    }

    private void stopWith(StrandClientException cause) {
        running = false;
        failPendingSeeks(cause);
        caughtUp.completeExceptionally(cause);
        notifyListener(l -> l.stopped(cause));
    }

    private void pause(Duration delay) throws InterruptedException {
        closeSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void notifyListener(java.util.function.Consumer<ConnectionListener> event) {
        try {
            event.accept(options.listener());
        } catch (RuntimeException e) {
            log.warn("connection listener of '{}' threw", options.name(), e);
        }
    }

    private void failPendingSeeks(StrandClientException cause) {
        SeekRequest r;
        while ((r = seeks.poll()) != null) {
            r.done().completeExceptionally(cause);
        }
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public void ack(ReceivedMessage message) {
        if (options.ackMode() != AckMode.MANUAL) {
            throw new IllegalStateException("ack() is for AckMode.MANUAL; this subscriber acknowledges automatically");
        }
        tracker.ack(message);
    }

    @Override
    public CompletableFuture<Void> seek(String topic, StartPosition position) {
        return enqueueSeek(Optional.of(topic), position);
    }

    @Override
    public CompletableFuture<Void> seek(StartPosition position) {
        return enqueueSeek(Optional.empty(), position);
    }

    private CompletableFuture<Void> enqueueSeek(Optional<String> topic, StartPosition position) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new ClientClosedException("the subscriber is not running"));
            return done;
        }
        seeks.add(new SeekRequest(topic, position, done));
        tracker.wake();
        if (!running) {
            failPendingSeeks(new ClientClosedException("the subscriber is not running"));
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        closeSignal.countDown();
        tracker.wake();
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
