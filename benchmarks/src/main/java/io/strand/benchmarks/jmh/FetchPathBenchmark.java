package io.strand.benchmarks.jmh;

import com.codahale.metrics.MetricRegistry;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.PublishBatchRequest;
import io.strand.broker.service.BrokerService;
import io.strand.broker.service.ServiceSettings;
import io.strand.storage.Durability;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The broker's fetch handler in-process, without the network: {@code BrokerService.fetch} of 1,000
 * messages by topic+offset (the replay path: storage read, conversion to wire {@code Message}s), cycling
 * over a topic of 200,000 messages of 100 bytes. Score: messages/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FetchPathBenchmark {
    static final int STORED = 200_000;
    static final int PER_FETCH = 1_000;

    private TempStore temp;
    private BrokerService service;
    private long offset;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        temp = new TempStore("fetch", Durability.WAL);
        service = new BrokerService(temp.store, ServiceSettings.defaults(), new MetricRegistry(), Clock.systemUTC());
        Random random = new Random(5);
        List<Message> batch = new ArrayList<>(PER_FETCH);
        for (int i = 0; i < PER_FETCH; i++) {
            byte[] data = new byte[100];
            random.nextBytes(data);
            batch.add(new Message("", ByteBuffer.wrap(data)));
        }
        for (int i = 0; i < STORED / PER_FETCH; i++) {
            service.publishBatch(new PublishBatchRequest("bench", batch));
        }
        int got = fetch().getMessages().size();
        offset = 0;
        if (got != PER_FETCH) {
            throw new IllegalStateException("a fetch returned " + got + " messages, not " + PER_FETCH
                    + ": the score would not be messages/s");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        service.close();
        temp.close();
    }

    @Benchmark
    @OperationsPerInvocation(PER_FETCH)
    public FetchResult fetch() throws TException {
        FetchResult result = service.fetch(new FetchRequest().setTopic("bench").setOffset(offset)
                .setMaxMessages(PER_FETCH).setMaxBytes(16 << 20).setMaxWaitMs(0));
        offset = (offset + PER_FETCH) % STORED;
        return result;
    }
}
