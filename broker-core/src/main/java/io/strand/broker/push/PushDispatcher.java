package io.strand.broker.push;

import io.strand.api.Subscriber;
import io.strand.broker.codec.MessageCodec;
import io.strand.broker.waiters.FetchWaiters;
import io.strand.broker.waiters.Waiter;
import io.strand.storage.CursorStore;
import io.strand.storage.LogStore;
import io.strand.storage.OffsetOutOfRangeException;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one push subscription: a dedicated thread ({@code strand-push-<name>}) that loops over the
 * subscription's topics round-robin, reads up to a batch from each topic's committed offset, calls the
 * endpoint's {@code Consumer.consume}, and commits past the batch when the call returns.
 *
 * <p>Guarantees: at-least-once and in offset order per topic. A failed or timed-out call is retried
 * from the committed offset (re-read, so a {@code seek} in between is honoured) after a capped,
 * jittered exponential backoff; after {@code maxDeliveries} failed attempts of the batch starting at
 * the same offset, the batch is appended to {@code __dlq.<name>} and committed past. A hanging endpoint
 * only ever blocks this thread, for at most the push timeout per attempt.
 *
 * <p>When nothing is deliverable the thread parks on {@link FetchWaiters} (new data on any of its
 * topics, or a new topic) — no polling; it re-checks once a minute as a safety net.
 *
 * <p>Trimmed data: if a topic's committed offset is below the log start, the dispatcher jumps to the
 * start when the subscriber set {@code resetToEarliestWhenTrimmed} (logging how many messages were
 * skipped); otherwise it leaves that topic paused (logged once) while the other topics go on, until a
 * {@code seek} moves the cursor.
 *
 * <p>Thread rules: all delivery state is confined to the dispatcher thread; {@link #state()},
 * {@link #wake()} and {@link #close()} may be called from any thread. A dispatcher is started once and
 * never restarted: a changed subscription gets a new dispatcher.
 */
final class PushDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    private static final Duration IDLE_RECHECK = Duration.ofMinutes(1);

    private final String name;
    private final Subscriber definition;
    private final Supplier<List<String>> topics;
    private final LogStore store;
    private final CursorStore cursors;
    private final FetchWaiters waiters;
    private final PushSettings settings;
    private final PushMetrics metrics;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final ConsumerConnection connection;
    private final int maxDeliveries;
    private final Thread thread;

    private volatile boolean running = true;
    private volatile Waiter idle;
    private volatile int consecutiveFailures;
    private final AtomicLong deadLettered = new AtomicLong();
    /** Topic → committed offset at which it was found trimmed (dispatcher thread only). */
    private final Map<String, Long> paused = new HashMap<>();
    private int roundRobin;

    PushDispatcher(Subscriber definition, Supplier<List<String>> topics, LogStore store, FetchWaiters waiters,
                   PushSettings settings, PushMetrics metrics, DeadLetters deadLetters, Backoff backoff) {
        this.name = definition.getName();
        this.definition = definition;
        this.topics = topics;
        this.store = store;
        this.cursors = store.cursors();
        this.waiters = waiters;
        this.settings = settings;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.connection = new ConsumerConnection(definition.getPushEndpoint(), settings.timeout());
        this.maxDeliveries = definition.isSetMaxDeliveries() && definition.getMaxDeliveries() > 0
                ? definition.getMaxDeliveries() : settings.maxDeliveries();
        this.thread = new Thread(this::run, "strand-push-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    PushState state() {
        return new PushState(consecutiveFailures, deadLettered.get(), DeadLetters.topicFor(name));
    }

    /** Makes an idle dispatcher look at its cursors again (after a seek). */
    void wake() {
        Waiter current = idle;
        if (current != null) {
            current.wake();
        }
    }

    /** Stops the thread and waits for it (bounded by the push timeout plus a second). Idempotent. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        connection.close();
        try {
            thread.join(settings.timeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        log.info("push subscription '{}' delivering to {}", name, connection.describe());
        try {
            while (running) {
                try {
                    if (!deliverRound()) {
                        waitForData();
                    }
                } catch (StorageException e) {
                    if (e.error() == StorageError.CLOSED) {
                        return;
                    }
                    log.warn("push subscription '{}': storage error, retrying: {}", name, e.getMessage());
                    Thread.sleep(settings.backoffMax().toMillis());
                }
            }
        } catch (InterruptedException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("push subscription '{}' stopped by an unexpected error; resubscribe or restart the broker",
                    name, e);
        } finally {
            connection.close();
        }
    }

    /** One pass over the topics, one batch each. True when anything was delivered or dead-lettered. */
    private boolean deliverRound() throws InterruptedException {
        List<String> current = topics.get();
        int n = current.size();
        boolean progressed = false;
        for (int i = 0; i < n && running; i++) {
            String topic = current.get(Math.floorMod(roundRobin + i, n));
            try {
                progressed |= deliverNext(topic);
            } catch (StorageException e) {
                if (e.error() == StorageError.CLOSED) {
                    throw e;
                }
                if (e.error() != StorageError.UNKNOWN_TOPIC && e.error() != StorageError.UNKNOWN_SUBSCRIPTION) {
                    // One unreadable topic (a corrupt batch, say) must not stop delivery of the others.
                    log.warn("push subscription '{}': cannot read '{}', skipping it this round: {}", name, topic,
                            e.getMessage());
                }
                // else the topic or the subscription was deleted under us; the next round will not see it
            }
        }
        roundRobin++;
        return progressed;
    }

    /**
     * Parks until something may be deliverable. Register first, then look again, then wait: data
     * appended in between is seen by the second look. If the topic list changed in between (a topic
     * was created after the list was taken, so its appends would not wake this waiter), return and
     * register again instead of waiting.
     */
    private void waitForData() throws InterruptedException {
        List<String> watched = topics.get();
        try (Waiter waiter = waiters.register(watched, true)) {
            idle = waiter;
            if (!running || deliverRound() || !watched.equals(topics.get())) {
                return;
            }
            waiter.await(IDLE_RECHECK);
        } finally {
            idle = null;
        }
    }

    /** Delivers the next batch of {@code topic}, retrying until success or dead-letter. */
    private boolean deliverNext(String topic) throws InterruptedException {
        int attempts = 0;
        long attemptedBase = -1;
        while (running) {
            Optional<List<StoredRecord>> batch = nextBatch(topic);
            if (batch.isEmpty()) {
                return attempts > 0;
            }
            List<StoredRecord> records = batch.get();
            long base = records.get(0).offset();
            if (base != attemptedBase) {
                attempts = 0;
                attemptedBase = base;
            }
            if (tryDeliver(topic, records)) {
                return true;
            }
            attempts++;
            if (attempts >= maxDeliveries && deadLetter(topic, records, attempts)) {
                return true;
            }
            Thread.sleep(backoff.delay(attempts).toMillis());
            metrics.retries.mark();
        }
        return false;
    }

    private Optional<List<StoredRecord>> nextBatch(String topic) {
        Optional<TopicLog> found = store.find(topic);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TopicLog topicLog = found.get();
        long committed = cursors.committed(name, topic).orElse(0L);
        long start = topicLog.startOffset();
        if (committed < start) {
            if (!definition.isResetToEarliestWhenTrimmed()) {
                if (!Long.valueOf(committed).equals(paused.put(topic, committed))) {
                    log.warn("push subscription '{}' is paused on topic '{}': its committed offset {} is below the "
                            + "log start {} (removed by retention); seek the subscription to resume",
                            name, topic, committed, start);
                }
                return Optional.empty();
            }
            log.warn("push subscription '{}' skips {} messages of topic '{}' removed by retention (offsets {}..{})",
                    name, start - committed, topic, committed, start - 1);
            cursors.seek(name, topic, start);
            committed = start;
        }
        paused.remove(topic);
        if (committed >= topicLog.endOffset()) {
            return Optional.empty();
        }
        try {
            List<StoredRecord> records = topicLog.read(committed, settings.batchMessages(), settings.batchBytes()).records();
            return records.isEmpty() ? Optional.empty() : Optional.of(records);
        } catch (OffsetOutOfRangeException e) {
            return Optional.empty(); // retention moved the start since we looked; the next round handles it
        }
    }

    private boolean tryDeliver(String topic, List<StoredRecord> records) {
        try {
            connection.consume(MessageCodec.toMessages(topic, records));
        } catch (TException | RuntimeException e) {
            metrics.failures.mark();
            if (consecutiveFailures++ == 0) {
                log.warn("push subscription '{}': delivery to {} failed, will retry with backoff: {}",
                        name, connection.describe(), e.toString());
            }
            return false;
        }
        metrics.deliveries.mark();
        metrics.messagesOut.mark(records.size());
        long bytes = 0;
        for (StoredRecord record : records) {
            bytes += MessageCodec.payloadBytes(record);
        }
        metrics.bytesOut.mark(bytes);
        if (consecutiveFailures > 0) {
            log.info("push subscription '{}': delivery to {} works again after {} failures",
                    name, connection.describe(), consecutiveFailures);
            consecutiveFailures = 0;
        }
        commitPast(topic, records);
        return true;
    }

    private boolean deadLetter(String topic, List<StoredRecord> records, int attempts) throws InterruptedException {
        String target = DeadLetters.topicFor(name);
        try {
            deadLetters.append(name, topic, records, attempts);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.error("push subscription '{}': cannot write {} undeliverable messages to '{}'; will retry: {}",
                    name, records.size(), target, e.toString());
            return false;
        }
        commitPast(topic, records);
        deadLettered.addAndGet(records.size());
        metrics.deadLettered.mark(records.size());
        consecutiveFailures = 0;
        log.warn("push subscription '{}': {} messages of '{}' (offsets {}..{}) failed {} deliveries and went to '{}'",
                name, records.size(), topic, records.get(0).offset(), records.get(records.size() - 1).offset(),
                attempts, target);
        return true;
    }

    /**
     * Commits past the batch only if the cursor is still where the batch was read from: a seek made while
     * the batch was in flight (a consume may take up to push.timeout.ms) must win, not be overwritten.
     */
    private void commitPast(String topic, List<StoredRecord> records) {
        if (!cursors.commitIfAt(name, topic, records.get(0).offset(), records.get(records.size() - 1).offset() + 1)) {
            log.info("push subscription '{}': the cursor on '{}' moved while offsets {}..{} were in flight (a seek);"
                    + " delivery continues from the new position", name, topic, records.get(0).offset(),
                    records.get(records.size() - 1).offset());
        }
    }
}
