package io.strand.benchmarks.jmh;

import io.strand.storage.Durability;
import io.strand.storage.ReadResult;
import io.strand.storage.Record;
import io.strand.storage.TopicLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential reads of a topic holding 1,000,000 records of 100 bytes (appended in batches of 1,000):
 * each operation reads the next {@code readSize} records, wrapping to offset 0 at the end. Score: reads/s;
 * {@code records}: records/s (issue target ≥ 5 M records/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StorageReadBenchmark {
    static final int STORED = 1_000_000;

    @Param({"1000"})
    public int readSize;

    private TempStore temp;
    private TopicLog log;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Records {
        public long records;
        long offset;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    @Setup(Level.Trial)
    public void fill() throws Exception {
        temp = new TempStore("read", Durability.WAL);
        log = temp.store.getOrCreate("bench");
        List<Record> batch = TempStore.records(1_000, 100);
        CompletableFuture<?> last = null;
        for (int i = 0; i < STORED / batch.size(); i++) {
            last = log.append(batch);
            if (i % 64 == 63) {
                last.join();
            }
        }
        last.join();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        temp.close();
    }

    @Benchmark
    public ReadResult sequentialRead(Records cursor) {
        ReadResult read = log.read(cursor.offset, readSize, 16L << 20);
        cursor.records += read.records().size();
        cursor.offset = read.nextOffset() >= STORED ? 0 : read.nextOffset();
        return read;
    }
}
