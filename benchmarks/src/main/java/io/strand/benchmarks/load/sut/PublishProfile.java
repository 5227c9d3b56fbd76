package io.strand.benchmarks.load.sut;

/** What a publisher is tuned for; each adapter documents what it changes for each. */
public enum PublishProfile {
    /** Saturating publish (W1, W2, W4's load, W6, W7's load): large batches, a few ms of linger. */
    THROUGHPUT,
    /**
     * Saturating publish round-robin over a thousand topics (W6): the same as THROUGHPUT except where a
     * client's per-topic buffers make large batches cost memory per topic (Kafka allocates a whole
     * {@code batch.size} per partition in flight).
     */
    MANY_TOPICS,
    /** Fixed-rate publish measured end to end (W3, W5): send at once, batch only what queued meanwhile. */
    LATENCY
}
