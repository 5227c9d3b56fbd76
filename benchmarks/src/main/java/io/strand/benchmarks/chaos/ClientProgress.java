package io.strand.benchmarks.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether every client resumed after a restart: each publisher got a new acknowledgement and each
 * subscriber a new delivery since a mark taken when the broker came back. This is what "the clients
 * reconnect on their own" means in numbers; a client that does not resume within the reconnect timeout
 * is a {@link Violation#STALLS}.
 */
final class ClientProgress {
    private final AckLedger ledger;
    private final List<PublisherDriver> publishers;
    private final List<DeliveryLog> subscribers;
    private final Map<String, Long> marks = new HashMap<>();

    ClientProgress(AckLedger ledger, List<PublisherDriver> publishers, List<DeliveryLog> subscribers) {
        this.ledger = ledger;
        this.publishers = List.copyOf(publishers);
        this.subscribers = List.copyOf(subscribers);
    }

    /** Remembers where every client is now. */
    void mark() {
        marks.clear();
        marks.putAll(positions());
    }

    /**
     * Waits until every client moved past its mark, at most {@code timeout}.
     *
     * @return the clients that did not (empty when all resumed)
     */
    List<String> awaitResumed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> stuck = new ArrayList<>();
            positions().forEach((client, position) -> {
                if (position <= marks.getOrDefault(client, -1L)) {
                    stuck.add(client);
                }
            });
            if (stuck.isEmpty() || System.nanoTime() - deadline > 0) {
                stuck.sort(null);
                return stuck;
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Long> positions() {
        Map<String, Long> p = new HashMap<>();
        for (PublisherDriver d : publishers) {
            p.put("publisher-" + d.id(), ledger.ackedBy(d.id()));
        }
        for (DeliveryLog log : subscribers) {
            p.put(log.subscriber(), log.deliveries());
        }
        return p;
    }
}
