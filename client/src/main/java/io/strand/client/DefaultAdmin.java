package io.strand.client;

import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.TopicConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Admin} implementation over one lazily opened connection; every call holds this object's lock
 * (a Thrift client serves one request at a time). See {@link Admin} for the retry rule.
 */
final class DefaultAdmin implements Admin {

    private final Connector connector;
    private Connection connection;
    private boolean used;
    private boolean closed;

    DefaultAdmin(ClientOptions options) {
        this.connector = new Connector(options);
    }

    /** Runs a call; {@code idempotent} calls are repeated once on a fresh connection if a reused one broke. */
    private synchronized <T> T call(boolean idempotent, Connection.Call<T> call) {
        if (closed) {
            throw new ClientClosedException("the admin client is closed");
        }
        boolean reused = connection != null && used;
        try {
            return callOnce(call);
        } catch (ConnectionException e) {
            if (!idempotent || !reused) {
                throw e;
            }
            return callOnce(call);
        }
    }

    private <T> T callOnce(Connection.Call<T> call) {
        if (connection == null) {
            connection = connector.open();
            used = false;
        }
        try {
            T result = connection.call(call);
            used = true;
            return result;
        } catch (ConnectionException e) {
            connection.close();
            connection = null;
            throw e;
        } catch (StrandClientException e) {
            used = true;
            throw e;
        }
    }

    @Override
    public TopicDescription createTopic(String name, TopicSettings settings) {
        TopicConfig config = new TopicConfig();
        settings.retention().ifPresent(d -> config.setRetentionMs(d.toMillis()));
        settings.retentionBytes().ifPresent(config::setRetentionBytes);
        settings.durability().ifPresent(d -> config.setDurability(Wire.toWire(d)));
        return Descriptions.topic(call(false, c -> c.createTopic(name, config)));
    }

    @Override
    public void deleteTopic(String name) {
        call(false, c -> {
            c.deleteTopic(name);
            return null;
        });
    }

    @Override
    public List<TopicDescription> listTopics() {
        List<TopicDescription> out = new ArrayList<>();
        call(true, c -> c.listTopics()).forEach(t -> out.add(Descriptions.topic(t)));
        return out;
    }

    @Override
    public TopicDescription describeTopic(String name) {
        return Descriptions.topic(call(true, c -> c.describeTopic(name)));
    }

    @Override
    public List<SubscriptionDescription> listSubscriptions() {
        List<SubscriptionDescription> out = new ArrayList<>();
        call(true, c -> c.listSubscriptions()).forEach(s -> out.add(Descriptions.subscription(s)));
        return out;
    }

    @Override
    public SubscriptionDescription describeSubscription(String name) {
        return Descriptions.subscription(call(true, c -> c.describeSubscription(name)));
    }

    @Override
    public void deleteSubscription(String name) {
        call(true, c -> {
            c.unsubscribe(name);
            return null;
        });
    }

    @Override
    public void seek(String subscription, Optional<String> topic, StartPosition position) {
        call(true, c -> {
            c.seek(subscription, topic.orElse(""), Wire.toWire(position));
            return null;
        });
    }

    @Override
    public BrokerDescription info() {
        return Descriptions.broker(call(true, c -> c.info()));
    }

    @Override
    public TopicRead read(String topic, long offset, int maxMessages, int maxBytes) {
        FetchRequest request = new FetchRequest();
        request.setTopic(topic);
        request.setOffset(offset);
        request.setMaxMessages(maxMessages);
        request.setMaxBytes(maxBytes);
        request.setMaxWaitMs(0);
        FetchResult result = call(true, c -> c.fetch(request));
        List<ReceivedMessage> messages = new ArrayList<>(result.getMessagesSize());
        long next = offset;
        for (io.strand.api.Message m : result.getMessages()) {
            ReceivedMessage message = Wire.fromWire(m, 0);
            messages.add(message);
            next = Math.max(next, message.offset() + 1);
        }
        for (io.strand.api.TopicPosition p : result.getNextOffsets()) {
            if (p.getTopic().equals(topic)) {
                next = Math.max(next, p.getOffset());
            }
        }
        return new TopicRead(messages, next);
    }

    @Override
    public long offsetForTime(String topic, Instant time) {
        long target = time.toEpochMilli();
        for (int tries = 0; ; tries++) {
            TopicDescription d = describeTopic(topic);
            long lo = d.startOffset();
            long hi = d.endOffset();
            try {
                while (lo < hi) {
                    long mid = lo + (hi - lo) / 2;
                    List<ReceivedMessage> one = read(topic, mid, 1, 1).messages();
                    if (one.isEmpty() || one.get(0).timestamp().toEpochMilli() >= target) {
                        hi = mid;
                    } else {
                        lo = one.get(0).offset() + 1;
                    }
                }
                return lo;
            } catch (OffsetOutOfRangeException trimmedMeanwhile) {
                if (tries >= 2) {
                    throw trimmedMeanwhile;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
