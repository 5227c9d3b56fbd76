package io.strand.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrokerMetricsTest {
    /** An excerpt of a real {@code /metrics.json} (Dropwizard JSON, durations in ms). */
    private static final String JSON = "{\"version\":\"4.0.0\",\"gauges\":{},\"counters\":{},"
            + "\"histograms\":{\"broker.publish.batch.size\":{\"count\":9,\"max\":3,\"mean\":2.0},"
            + "\"storage.group.size\":{\"count\":40,\"max\":10,\"mean\":1.5,\"min\":1,\"p50\":1.0}},"
            + "\"meters\":{\"storage.append.records\":{\"count\":1234,\"m15_rate\":0.0,\"units\":\"events/second\"}},"
            + "\"timers\":{\"broker.publish.latency\":{\"count\":50,\"max\":9.5,\"mean\":2.25},"
            + "\"storage.append.latency\":{\"count\":50,\"max\":9.0,\"mean\":2.0,\"min\":0.5},"
            + "\"storage.sync.latency\":{\"count\":38,\"max\":4.0,\"mean\":1.25E0,\"min\":0.3}}}";

    @Test
    void readsTheSyncAndGroupCommitMetrics() {
        BrokerMetrics m = BrokerMetrics.parse(JSON);
        assertEquals(new BrokerMetrics(38, 1.25, 40, 1.5, 10, 50, 1234, 2.0), m);
    }

    @Test
    void absentMetricsReadAsZero() {
        assertEquals(BrokerMetrics.NONE, BrokerMetrics.parse("{}"));
        assertEquals(0, BrokerMetrics.field(JSON, "storage.sync.latency", "p999"));
    }

    @Test
    void livesAddUpWithWeightedMeans() {
        BrokerMetrics a = new BrokerMetrics(10, 1.0, 10, 1.0, 2, 10, 100, 1.0);
        BrokerMetrics b = new BrokerMetrics(30, 3.0, 30, 3.0, 7, 30, 300, 3.0);
        assertEquals(new BrokerMetrics(40, 2.5, 40, 2.5, 7, 40, 400, 2.5), a.plus(b));
        assertEquals(a, BrokerMetrics.NONE.plus(a));
    }
}
