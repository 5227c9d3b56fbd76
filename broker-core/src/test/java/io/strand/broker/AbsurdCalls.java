package io.strand.broker;

import io.strand.api.DeliveryMode;
import io.strand.api.Endpoint;
import io.strand.api.FetchRequest;
import io.strand.api.Message;
import io.strand.api.Position;
import io.strand.api.PubSub;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StartKind;
import io.strand.api.Subscriber;
import io.strand.api.TopicConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.thrift.TException;

/**
 * The well-formed-but-absurd calls of {@link FuzzIT}: every method with values no sane client sends
 * (negative limits, extreme offsets and waits, names of 10 MB, illegal characters, endpoints that cannot
 * exist). None can publish to or delete a topic a well-behaved client uses: publishes target the
 * never-created {@code fz-x-} names (auto-creation is off), deletions too; push endpoints are invalid so
 * no dispatcher starts.
 */
final class AbsurdCalls {
    private static final String WELL_BEHAVED_TOPIC = "orders";
    private static final String TEN_MB = "t".repeat(10 << 20);
    private static final long[] OFFSETS = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, Integer.MAX_VALUE + 1L};
    private static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};

    private final Random random;

    AbsurdCalls(Random random) {
        this.random = random;
    }

    /** Makes one call; returns what it was. Throws whatever the broker answered (or the transport's failure). */
    String call(PubSub.Client api) throws TException {
        switch (random.nextInt(12)) {
            case 0 -> {
                FetchRequest request = new FetchRequest().setMaxMessages(pick(INTS)).setMaxBytes(pick(INTS))
                        .setMaxWaitMs(pick(INTS));
                if (random.nextBoolean()) {
                    request.setTopic(random.nextBoolean() ? WELL_BEHAVED_TOPIC : name()).setOffset(pick(OFFSETS));
                } else {
                    request.setSubscription(name()).setSessionId(random.nextLong());
                }
                api.fetch(request);
                return "fetch " + describe(request);
            }
            case 1 -> {
                Message message = new Message(name(), ByteBuffer.wrap(new byte[random.nextInt(3) == 0 ? 2 << 20 : 10]));
                if (random.nextBoolean()) {
                    message.setKey(new byte[random.nextInt(2) == 0 ? 3 << 20 : 0]);
                }
                if (random.nextBoolean()) {
                    message.setHeaders(headers());
                }
                api.publish(message);
                return "publish to a " + message.getTopic().length() + "-character topic";
            }
            case 2 -> {
                List<Message> messages = new ArrayList<>();
                int n = new int[] {0, 1, 20_000}[random.nextInt(3)];
                for (int i = 0; i < n; i++) {
                    messages.add(new Message("", ByteBuffer.wrap(new byte[0])));
                }
                PublishBatchRequest request = new PublishBatchRequest(name(), messages);
                if (random.nextBoolean()) {
                    request.setProducerId(pick(OFFSETS));
                }
                if (random.nextBoolean()) {
                    request.setSequence(pick(OFFSETS));
                }
                api.publishBatch(request);
                return "publishBatch of " + n;
            }
            case 3 -> {
                Subscriber subscriber = subscriber();
                if (random.nextBoolean()) {
                    api.subscribe(subscriber);
                } else {
                    api.openSession(subscriber);
                }
                return "subscribe " + subscriber.getName().length() + "-character name";
            }
            case 4 -> {
                api.commit(name(), random.nextLong(), random.nextBoolean() ? WELL_BEHAVED_TOPIC : name(), pick(OFFSETS));
                return "commit";
            }
            case 5 -> {
                api.seek(name(), name(), position());
                return "seek";
            }
            case 6 -> {
                TopicConfig config = new TopicConfig().setRetentionMs(pick(OFFSETS)).setRetentionBytes(pick(OFFSETS));
                api.createTopic(random.nextBoolean() ? "fz-c-" + random.nextInt(1000) : invalidName(), config);
                return "createTopic";
            }
            case 7 -> {
                api.deleteTopic(name());
                return "deleteTopic";
            }
            case 8 -> {
                api.describeTopic(random.nextBoolean() ? WELL_BEHAVED_TOPIC : name());
                return "describeTopic";
            }
            case 9 -> {
                api.describeSubscription(name());
                return "describeSubscription";
            }
            case 10 -> {
                api.unsubscribe(name());
                return "unsubscribe";
            }
            default -> {
                api.listTopics();
                api.listSubscriptions();
                api.initProducer();
                api.info();
                return "list, initProducer, info";
            }
        }
    }

    /** A name no well-behaved client uses: an invalid one, or a never-created fz-x- name. */
    private String name() {
        return random.nextInt(3) == 0 ? "fz-x-" + random.nextInt(50) : invalidName();
    }

    /** A name no topic can have: empty, illegal characters, far too long (up to 10 MB). */
    private String invalidName() {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "..";
            case 2 -> "has space/and\u0000nul";
            case 3 -> "x".repeat(300);
            case 4 -> "ünïcødé-✓";
            case 5 -> random.nextInt(10) == 0 ? TEN_MB : "y".repeat(5000);
            default -> "a.*.>";
        };
    }

    private Subscriber subscriber() {
        Subscriber s = new Subscriber(name());
        if (random.nextBoolean()) {
            s.setTopic(random.nextBoolean() ? name() : ">");
        }
        if (random.nextBoolean()) {
            s.setStart(position());
        }
        if (random.nextBoolean()) {
            s.setMaxDeliveries(pick(INTS));
        }
        if (random.nextBoolean()) {
            // never a reachable endpoint: an invalid port, or a host no resolver accepts
            s.setMode(DeliveryMode.PUSH).setPushEndpoint(random.nextBoolean()
                    ? new Endpoint("127.0.0.1", new int[] {0, -1, 65536, Integer.MAX_VALUE}[random.nextInt(4)])
                    : new Endpoint(random.nextBoolean() ? "" : "h".repeat(1000), 9));
        }
        return s;
    }

    private Position position() {
        Position p = new Position(StartKind.values()[random.nextInt(StartKind.values().length)]);
        if (random.nextBoolean()) {
            p.setValue(pick(OFFSETS));
        }
        return p;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        int n = random.nextInt(2) == 0 ? 2000 : 3;
        for (int i = 0; i < n; i++) {
            headers.put("h" + i, "v".repeat(random.nextInt(600)));
        }
        return headers;
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String describe(FetchRequest r) {
        return "(subscription " + (r.isSetSubscription() ? r.getSubscription().length() + " chars" : "-") + ", topic "
                + (r.isSetTopic() ? r.getTopic().length() + " chars" : "-") + ", offset " + r.getOffset()
                + ", maxMessages " + r.getMaxMessages() + ", maxBytes " + r.getMaxBytes() + ", maxWaitMs "
                + r.getMaxWaitMs() + ")";
    }
}
