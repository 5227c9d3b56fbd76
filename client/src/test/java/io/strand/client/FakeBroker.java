package io.strand.client;

import io.strand.api.BrokerInfo;
import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.PubSub;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StrandException;
import io.strand.api.SubscriptionInfo;
import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * A stand-in broker for unit tests of the client's own logic (batching, retry, sequence numbers):
 * publishBatch only, with idempotent dedup per (producer, topic, sequence), offsets per topic, and a
 * queue of errors to answer the next calls with. Serves framed binary Thrift on 127.0.0.1, ephemeral
 * port. Behaviour against a real broker is tested in the *IT classes.
 */
final class FakeBroker implements PubSub.Iface, AutoCloseable {

    /** What one publishBatch call asked. */
    record Call(String topic, int count, long producerId, long sequence) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<ErrorCode> nextErrors = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> endOffsets = new HashMap<>();
    private final Map<String, PublishAck> stored = new HashMap<>();
    private final AtomicLong producerIds = new AtomicLong(100);
    private final TThreadPoolServer server;
    private final ServerSocket socket;
    private final Thread thread;

    FakeBroker() {
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            server = new TThreadPoolServer(new TThreadPoolServer.Args(new TServerSocket(socket))
                    .processor(new PubSub.Processor<>(this))
                    .transportFactory(new TFramedTransport.Factory())
                    .protocolFactory(new TBinaryProtocol.Factory())
                    .minWorkerThreads(1).maxWorkerThreads(8)
                    .stopTimeoutVal(1).stopTimeoutUnit(TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TTransportException e) {
            throw new IllegalStateException(e);
        }
        thread = new Thread(server::serve, "fake-broker");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public long initProducer() {
        return producerIds.incrementAndGet();
    }

    @Override
    public synchronized PublishAck publishBatch(PublishBatchRequest request) throws TException {
        long pid = request.isSetProducerId() ? request.getProducerId() : -1;
        long seq = request.isSetSequence() ? request.getSequence() : -1;
        calls.add(new Call(request.getTopic(), request.getMessagesSize(), pid, seq));
        ErrorCode error = nextErrors.poll();
        if (error != null) {
            throw new StrandException(error, "injected " + error);
        }
        String dedupKey = pid + "/" + request.getTopic() + "/" + seq;
        if (pid >= 0 && stored.containsKey(dedupKey)) {
            return stored.get(dedupKey).deepCopy().setDuplicate(true);
        }
        long base = endOffsets.getOrDefault(request.getTopic(), 0L);
        endOffsets.put(request.getTopic(), base + request.getMessagesSize());
        PublishAck ack = new PublishAck(request.getTopic(), base, request.getMessagesSize(), System.currentTimeMillis(),
                io.strand.api.Durability.WAL, false);
        if (pid >= 0) {
            stored.put(dedupKey, ack);
        }
        return ack;
    }

    synchronized long endOffset(String topic) {
        return endOffsets.getOrDefault(topic, 0L);
    }

    @Override
    public void close() {
        server.stop();
        try {
            socket.close();
            thread.join(5000);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- not used by the unit tests ---

    @Override
    public void publish(io.strand.api.Message message) throws TException {
        throw unsupported();
    }

    @Override
    public void subscribe(io.strand.api.Subscriber subscriber) throws TException {
        throw unsupported();
    }

    @Override
    public Session openSession(io.strand.api.Subscriber subscriber) throws TException {
        throw unsupported();
    }

    @Override
    public FetchResult fetch(FetchRequest request) throws TException {
        throw unsupported();
    }

    @Override
    public void commit(String subscription, long sessionId, String topic, long offset) throws TException {
        throw unsupported();
    }

    @Override
    public void seek(String subscription, String topic, io.strand.api.Position position) throws TException {
        throw unsupported();
    }

    @Override
    public void unsubscribe(String subscription) throws TException {
        throw unsupported();
    }

    @Override
    public TopicInfo createTopic(String name, TopicConfig config) throws TException {
        throw unsupported();
    }

    @Override
    public void deleteTopic(String name) throws TException {
        throw unsupported();
    }

    @Override
    public List<TopicInfo> listTopics() throws TException {
        return new ArrayList<>();
    }

    @Override
    public TopicInfo describeTopic(String name) throws TException {
        throw unsupported();
    }

    @Override
    public List<SubscriptionInfo> listSubscriptions() throws TException {
        return new ArrayList<>();
    }

    @Override
    public SubscriptionInfo describeSubscription(String name) throws TException {
        throw unsupported();
    }

    @Override
    public BrokerInfo info() throws TException {
        throw unsupported();
    }

    private static StrandException unsupported() {
        return new StrandException(ErrorCode.INVALID_REQUEST, "not supported by the fake broker");
    }
}
