package io.strand.benchmarks.jmh;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.Record;
import io.strand.storage.TopicLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code TopicLog.append(batch).join()} of {@code batchSize} records of 100 bytes, one topic, in WAL and
 * FSYNC durability, from 1 appender thread and from 8 concurrent ones (group commit: the store's one
 * writer thread syncs once for everything queued). The score is batches/s; the {@code records}
 * secondary result is records/s, the number the targets are stated in (issue: ≥ 1.5 M records/s for
 * batches of 1,000 in WAL; ≥ 750 k records/s with 8 appenders of 100-record batches in FSYNC).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StorageAppendBenchmark {

    @Param({"1", "100", "1000"})
    public int batchSize;

    @Param({"WAL", "FSYNC"})
    public Durability durability;

    private TempStore temp;
    private TopicLog log;
    private List<Record> batch;

    /** Records appended per second, per thread, summed by JMH over threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Records {
        public long records;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        temp = new TempStore("append", durability);
        log = temp.store.getOrCreate("bench");
        batch = TempStore.records(batchSize, 100);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        temp.close();
    }

    @Benchmark
    @Threads(1)
    public AppendResult oneAppender(Records counter) {
        return append(counter);
    }

    @Benchmark
    @Threads(8)
    public AppendResult eightAppenders(Records counter) {
        return append(counter);
    }

    private AppendResult append(Records counter) {
        AppendResult result = log.append(batch).join();
        counter.records += result.count();
        return result;
    }
}
