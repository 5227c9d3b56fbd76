package io.strand.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A subscriber's per-topic positions, as offsets "next after":
 * <ul>
 * <li>delivered — the last message handed to the handler in this session;</li>
 * <li>acked — the last message acknowledged (by the handler returning, or {@code ack});</li>
 * <li>committed — what the broker has durably been told.</li>
 * </ul>
 * Unacknowledged messages held = Σ (delivered − acked), which is what {@code max.unacked} bounds.
 *
 * <p>Thread rule: {@link #ack} may be called from any thread; everything else only from the
 * subscriber's thread. All state is guarded by this object's monitor (acks are rare enough), which
 * also lets the subscriber's thread wait for an ack.
 *
 * <p>Seek epochs: a seek moves positions backwards, after which a late ack of a message delivered
 * before the seek must not move the commit forward again. Each message carries the epoch it was
 * delivered in; acks from an older epoch are ignored.
 */
final class AckTracker {

    private final Map<String, Long> delivered = new HashMap<>();
    private final Map<String, Long> acked = new HashMap<>();
    private final Map<String, Long> committed = new HashMap<>();
    private long epoch;

    synchronized long epoch() {
        return epoch;
    }

    synchronized void delivered(ReceivedMessage m) {
        delivered.merge(m.topic(), m.offset() + 1, Math::max);
    }

    /** Cumulative ack of {@code m} and everything before it on its topic. */
    synchronized void ack(ReceivedMessage m) {
        if (m.epoch() != epoch) {
            return;
        }
        acked.merge(m.topic(), m.offset() + 1, Math::max);
        notifyAll();
    }

    /** True when {@code offset} on {@code topic} was acknowledged before (a redelivery after reconnect). */
    synchronized boolean alreadyAcked(String topic, long offset) {
        return offset < acked.getOrDefault(topic, 0L);
    }

    synchronized int unacked() {
        long sum = 0;
        for (Map.Entry<String, Long> e : delivered.entrySet()) {
            sum += Math.max(0, e.getValue() - acked.getOrDefault(e.getKey(), 0L));
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    /** Topics whose acknowledged position is ahead of the committed one, with the position to commit. */
    synchronized Map<String, Long> toCommit() {
        Map<String, Long> out = new LinkedHashMap<>();
        acked.forEach((topic, offset) -> {
            if (offset > committed.getOrDefault(topic, -1L)) {
                out.put(topic, offset);
            }
        });
        return out;
    }

    synchronized void committed(String topic, long offset) {
        committed.merge(topic, offset, Math::max);
    }

    /**
     * A new session starts at the broker's committed positions ({@code brokerCommitted}: topic → offset;
     * a topic missing there is at 0). Nothing is delivered in it yet. A topic whose broker position is
     * below what this subscriber successfully committed was moved back by someone else while we were
     * away — an admin seek, or the topic was deleted and re-created — so its positions are forgotten
     * (and acks still in flight from before are ignored): re-committing them would undo the seek, and
     * skipping offsets as "already acked" would lose the replay. For the other topics, acknowledged
     * positions the broker does not have yet are committed again.
     */
    synchronized void newSession(Map<String, Long> brokerCommitted) {
        delivered.clear();
        boolean rewound = false;
        for (String topic : new java.util.ArrayList<>(committed.keySet())) {
            long broker = brokerCommitted.getOrDefault(topic, 0L);
            if (broker < committed.get(topic)) {
                acked.remove(topic);
                committed.remove(topic);
                rewound = true;
            } else {
                committed.put(topic, broker);
            }
        }
        if (rewound) {
            epoch++;
        }
    }

    /**
     * Called before handing out {@code offset} of {@code topic} in this session. The broker only ever
     * moves a session forward, except when the subscription is seeked or the topic is re-created: an
     * offset below what this session already delivered means exactly that, so the topic's positions are
     * forgotten (the replayed messages are delivered, not skipped as "already acked") and a new epoch
     * starts. Returns the epoch to stamp on the message.
     */
    synchronized long beforeDelivery(String topic, long offset) {
        Long next = delivered.get(topic);
        if (next != null && offset < next) {
            delivered.remove(topic);
            acked.remove(topic);
            committed.remove(topic);
            epoch++;
            notifyAll();
        }
        return epoch;
    }

    /** After a seek on {@code topic} (empty = all topics): forget every position there and start a new epoch. */
    synchronized void seeked(Optional<String> topic) {
        epoch++;
        if (topic.isPresent()) {
            delivered.remove(topic.get());
            acked.remove(topic.get());
            committed.remove(topic.get());
        } else {
            delivered.clear();
            acked.clear();
            committed.clear();
        }
        notifyAll();
    }

    /** The topic is gone (deleted, or recreated shorter): drop its positions so they are not committed. */
    synchronized void forget(String topic) {
        delivered.remove(topic);
        acked.remove(topic);
        committed.remove(topic);
    }

    /** Waits up to {@code millis} for an ack (or a {@link #wake()}). */
    synchronized void awaitAck(long millis) throws InterruptedException {
        if (millis > 0) {
            wait(millis);
        }
    }

    synchronized void wake() {
        notifyAll();
    }
}
