package io.strand.broker.net;

import io.strand.api.BrokerInfo;
import io.strand.api.Durability;
import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PubSub;
import io.strand.api.PublishAck;
import io.strand.api.PublishBatchRequest;
import io.strand.api.Session;
import io.strand.api.StrandException;
import io.strand.api.Subscriber;
import io.strand.api.SubscriptionInfo;
import io.strand.api.TopicConfig;
import io.strand.api.TopicInfo;
import io.strand.api.TopicPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny in-memory {@link PubSub.Iface} for transport tests: publish/publishBatch append to a list per
 * topic, fetch reads by topic+offset and long-polls up to maxWaitMs, info answers. Everything else
 * fails with INVALID_REQUEST. Thread-safe (one monitor).
 */
final class InMemoryPubSub implements PubSub.Iface {
    private final Map<String, List<Message>> topics = new HashMap<>();

    @Override
    public synchronized void publish(Message message) {
        append(message.getTopic(), List.of(message));
    }

    @Override
    public synchronized PublishAck publishBatch(PublishBatchRequest request) {
        long base = append(request.getTopic(), request.getMessages());
        return new PublishAck(request.getTopic(), base, request.getMessagesSize(), System.currentTimeMillis(),
                Durability.FSYNC, false);
    }

    private long append(String topic, List<Message> messages) {
        List<Message> log = topics.computeIfAbsent(topic, t -> new ArrayList<>());
        long base = log.size();
        for (Message m : messages) {
            Message stored = new Message(m);
            stored.setTopic(topic);
            stored.setOffset(log.size());
            log.add(stored);
        }
        notifyAll();
        return base;
    }

    @Override
    public synchronized FetchResult fetch(FetchRequest request) throws StrandException {
        if (!request.isSetTopic()) {
            throw new StrandException(ErrorCode.INVALID_REQUEST, "this fake fetches by topic only");
        }
        long deadline = System.currentTimeMillis() + request.getMaxWaitMs();
        long offset = request.isSetOffset() ? request.getOffset() : 0;
        while (size(request.getTopic()) <= offset && System.currentTimeMillis() < deadline) {
            try {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Message> log = topics.getOrDefault(request.getTopic(), List.of());
        int from = (int) Math.min(offset, log.size());
        int to = (int) Math.min(log.size(), from + (long) request.getMaxMessages());
        List<Message> out = new ArrayList<>(log.subList(from, to));
        return new FetchResult(out, List.of(new TopicPosition(request.getTopic(), to)));
    }

    private int size(String topic) {
        return topics.getOrDefault(topic, List.of()).size();
    }

    @Override
    public synchronized BrokerInfo info() {
        return new BrokerInfo("test", true, "", Durability.FSYNC, topics.size(), 0, 0, 1 << 20, 10_000);
    }

    private static StrandException unsupported() {
        return new StrandException(ErrorCode.INVALID_REQUEST, "not supported by this test fake");
    }

    @Override public void subscribe(Subscriber subscriber) throws StrandException { throw unsupported(); }
    @Override public Session openSession(Subscriber subscriber) throws StrandException { throw unsupported(); }
    @Override public long initProducer() throws StrandException { throw unsupported(); }
    @Override public void commit(String s, long id, String t, long o) throws StrandException { throw unsupported(); }
    @Override public void seek(String s, String t, Position p) throws StrandException { throw unsupported(); }
    @Override public void unsubscribe(String s) throws StrandException { throw unsupported(); }
    @Override public TopicInfo createTopic(String n, TopicConfig c) throws StrandException { throw unsupported(); }
    @Override public void deleteTopic(String n) throws StrandException { throw unsupported(); }
    @Override public List<TopicInfo> listTopics() throws StrandException { throw unsupported(); }
    @Override public TopicInfo describeTopic(String n) throws StrandException { throw unsupported(); }
    @Override public List<SubscriptionInfo> listSubscriptions() throws StrandException { throw unsupported(); }
    @Override public SubscriptionInfo describeSubscription(String n) throws StrandException { throw unsupported(); }
}
