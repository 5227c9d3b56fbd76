package io.strand.benchmarks.chaos;

import io.strand.client.ClientOptions;
import io.strand.client.PublisherOptions;
import io.strand.client.Strand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's publishers: {@code publishers} {@link PublisherDriver}s, each with its own idempotent client
 * publisher (producer id from the broker; retries keep their sequence number) — or, only to show that
 * the audit catches what a plain retry does, a non-idempotent one.
 *
 * <p>Client settings chosen for the run: a delivery timeout of 60 s — far beyond the few seconds a
 * restart takes, so a publish that still fails means the client did not recover; retry backoff from
 * 50 ms capped at 1 s, so publishing resumes soon after the broker is back.
 */
final class Publishers implements AutoCloseable {
    private final List<PublisherDriver> drivers = new ArrayList<>();
    private boolean closed;

    private Publishers() {
    }

    static Publishers start(ChaosSettings settings, ClientOptions client, AckLedger ledger, Violations violations) {
        Publishers p = new Publishers();
        PublisherOptions options = PublisherOptions.builder().client(client).idempotent(settings.idempotent())
                .deliveryTimeout(Duration.ofSeconds(60)).retryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                .build();
        for (int id = 0; id < settings.publishers(); id++) {
            p.drivers.add(new PublisherDriver(id, Strand.publisher(options), settings.topicNames(), settings, ledger,
                    violations));
        }
        p.drivers.forEach(PublisherDriver::start);
        return p;
    }

    List<PublisherDriver> drivers() {
        return List.copyOf(drivers);
    }

    long sent() {
        return drivers.stream().mapToLong(PublisherDriver::sent).sum();
    }

    /** Stops every publisher and flushes it; afterwards every send has an outcome. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            drivers.forEach(PublisherDriver::close);
        }
    }
}
