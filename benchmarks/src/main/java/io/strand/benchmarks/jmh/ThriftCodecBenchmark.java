package io.strand.benchmarks.jmh;

import io.strand.api.Message;
import io.strand.api.PublishBatchRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one {@code PublishBatchRequest} of 1,000 messages of 100 bytes — what a publisher
 * writes and the broker reads per batch — with the binary and the compact protocol. Scores are
 * messages/s ({@code @OperationsPerInvocation(1000)}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ThriftCodecBenchmark {
    static final int MESSAGES = 1_000;

    @Param({"binary", "compact"})
    public String protocol;

    private PublishBatchRequest request;
    private TSerializer serializer;
    private TDeserializer deserializer;
    private byte[] encoded;

    @Setup
    public void prepare() throws TException {
        TProtocolFactory factory = protocol.equals("binary") ? new TBinaryProtocol.Factory()
                : new TCompactProtocol.Factory();
        serializer = new TSerializer(factory);
        deserializer = new TDeserializer(factory);
        Random random = new Random(3);
        List<Message> messages = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            byte[] data = new byte[100];
            random.nextBytes(data);
            messages.add(new Message("", ByteBuffer.wrap(data)));
        }
        request = new PublishBatchRequest("bench", messages).setProducerId(42).setSequence(7);
        encoded = serializer.serialize(request);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public byte[] encode() throws TException {
        return serializer.serialize(request);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public PublishBatchRequest decode() throws TException {
        PublishBatchRequest decoded = new PublishBatchRequest();
        deserializer.deserialize(decoded, encoded);
        return decoded;
    }
}
