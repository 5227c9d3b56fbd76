package io.strand.benchmarks.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    static final Mode FSYNC = new Mode("fsync", "per-ack", "fsync before ack");

    @Test
    void throughputLineHasTheFixedKeysInOrderAndDashesForWhatWasNotMeasured() {
        Result r = Result.throughput("strand", Workload.W1, FSYNC, 1_000_000, 100, 2.0);

        assertEquals("system=strand workload=W1 mode=fsync msgs=1000000 msgs_per_s=500000 mb_per_s=50.0 "
                + "p50_us=- p99_us=- p999_us=- max_us=- fsync=per-ack seconds=2.000", ResultLine.format(r));
    }

    @Test
    void latencyLineCarriesPercentilesAndExtras() {
        Result r = Result.throughput("kafka", Workload.W3, new Mode("default", "none", "page cache"), 200_000, 100, 20.0)
                .withLatency(new LatencySummary(200_000, 812, 10_495, 20_111, 31_000))
                .withExtra("rate", 10_000);

        Map<String, String> fields = ResultLine.parse(ResultLine.format(r));

        assertEquals(List.of("system", "workload", "mode", "msgs", "msgs_per_s", "mb_per_s", "p50_us", "p99_us",
                "p999_us", "max_us", "fsync", "seconds", "rate"), List.copyOf(fields.keySet()));
        assertEquals("10495", fields.get("p99_us"));
        assertEquals("10000", fields.get("msgs_per_s"));
        assertEquals("10000", fields.get("rate"));
    }

    @Test
    void failureReasonBecomesOneToken() {
        Result r = Result.failed("redis", Workload.W7, FSYNC, "server did not start: port = 5 taken");

        String line = ResultLine.format(r);

        assertTrue(line.endsWith("error=server_did_not_start:_port_5_taken"), line);
        assertEquals("-", ResultLine.parse(line).get("msgs_per_s"));
    }

    @Test
    void parseRefusesLinesThatAreNotResults() {
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("# W1 strand fsync: 10/100 sent"));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("mode=fsync msgs=3"));
    }
}
