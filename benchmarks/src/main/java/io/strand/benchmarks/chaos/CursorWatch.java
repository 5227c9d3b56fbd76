package io.strand.benchmarks.chaos;

import io.strand.client.Admin;
import io.strand.client.ClientOptions;
import io.strand.client.CursorDescription;
import io.strand.client.Strand;
import io.strand.client.StrandClientException;
import io.strand.client.TopicDescription;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Observes the subscriptions' committed offsets through the client's {@link Admin}
 * ({@code describeSubscription}) into a {@link CursorHistory}: on demand between cycles, and every
 * {@code interval} from its own thread ({@code chaos-cursor-watch}, with its own Admin connection) so
 * that commits made just before a kill are seen too. While the broker is down the sampler's calls fail;
 * those samples are skipped and counted.
 */
final class CursorWatch implements AutoCloseable {
    private final List<String> subscriptions;
    private final CursorHistory history;
    private final Admin admin;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile long missedSamples;

    CursorWatch(ClientOptions client, List<String> subscriptions, CursorHistory history, Duration interval,
                Duration maxRun) {
        this.subscriptions = List.copyOf(subscriptions);
        this.history = history;
        this.admin = Strand.admin(client);
        this.interval = interval;
        this.thread = new Thread(() -> sample(maxRun), "chaos-cursor-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Observes every subscription now through {@code via}; failures propagate.
     *
     * <p>The topic ends the cursors are held against are read afterwards, with {@code listTopics}: the end
     * a {@link CursorDescription} carries was read by the broker <em>before</em> the committed offset, so
     * under load a cursor may legitimately be past it. Ends only grow in a chaos run (no retention, no
     * deletion), so a cursor must be at or below an end read later.
     *
     * <p>Synchronized so that reading and recording are one step: otherwise the sampler could record an
     * older reading after the run's thread recorded a newer one, which would look like a regression.
     */
    synchronized void observeNow(Admin via) {
        Map<String, List<CursorDescription>> observed = new LinkedHashMap<>();
        for (String name : subscriptions) {
            observed.put(name, via.describeSubscription(name).cursors());
        }
        Map<String, Long> ends = new HashMap<>();
        for (TopicDescription t : via.listTopics()) {
            ends.put(t.name(), t.endOffset());
        }
        observed.forEach((name, cursors) -> {
            for (CursorDescription c : cursors) {
                history.observe(name, c.topic(), c.committedOffset(),
                        Math.max(c.endOffset(), ends.getOrDefault(c.topic(), c.endOffset())));
            }
        });
    }

    long missedSamples() {
        return missedSamples;
    }

    private void sample(Duration maxRun) {
        long deadline = System.nanoTime() + maxRun.toNanos();
        try {
            while (System.nanoTime() - deadline < 0 && !stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    observeNow(admin);
                } catch (StrandClientException brokerDown) {
                    missedSamples++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close();
    }
}
