package io.strand.benchmarks.load.strand;

import io.strand.benchmarks.load.sut.MessageSink;
import io.strand.benchmarks.load.sut.Tail;
import io.strand.client.ClientOptions;
import io.strand.client.StartPosition;
import io.strand.client.Strand;
import io.strand.client.Subscriber;
import io.strand.client.SubscriberOptions;
import java.time.Duration;

/**
 * A durable pull subscription through the client's {@link Subscriber} (its own thread long-polls
 * {@code fetch}; auto-ack, commits every second), from the topic's earliest offset. Tuned: up to 2,000
 * messages per fetch and 10,000 unacknowledged, so a fan-out subscriber is never starved by its ack window.
 */
final class StrandTail implements Tail {
    private final Subscriber subscriber;

    private StrandTail(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    static StrandTail start(ClientOptions client, String topic, String name, MessageSink sink) {
        SubscriberOptions options = SubscriberOptions.builder(name, topic).client(client)
                .start(StartPosition.earliest()).fetchMaxMessages(2_000).maxUnacked(10_000)
                .fetchMaxWait(Duration.ofMillis(500)).build();
        return new StrandTail(Strand.subscribe(options, m -> sink.accept(m.data())));
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
