import io.strand.client.Message;
import io.strand.client.PublishAck;
import io.strand.client.Publisher;
import io.strand.client.PublisherOptions;
import io.strand.client.StartPosition;
import io.strand.client.Strand;
import io.strand.client.Subscriber;
import io.strand.client.SubscriberOptions;
import java.util.concurrent.TimeUnit;

/**
 * Publishes three messages to "greetings", then reads them back with a durable subscription named
 * "example-reader" (run it twice: the second run sees only the new messages).
 *
 * <pre>java -cp "$(cat client/target/classpath.txt):client/target/classes" examples/PublishAndSubscribe.java [host:port]</pre>
 */
public class PublishAndSubscribe {
    public static void main(String[] args) throws Exception {
        String broker = args.length > 0 ? args[0] : "127.0.0.1:9090";

        try (Publisher publisher = Strand.publisher(PublisherOptions.builder().broker(broker).build())) {
            for (String text : new String[] {"hello", "hallo", "bonjour"}) {
                PublishAck ack = publisher.sendAndWait(Message.of("greetings", text));
                System.out.println("published '" + text + "' at offset " + ack.offset());
            }
        }

        SubscriberOptions options = SubscriberOptions.builder("example-reader", "greetings")
                .broker(broker)
                .start(StartPosition.earliest()) // only for a new subscription; afterwards it resumes
                .build();
        try (Subscriber subscriber = Strand.subscribe(options,
                m -> System.out.println("received '" + m.dataAsString() + "' at offset " + m.offset()))) {
            subscriber.caughtUp().get(30, TimeUnit.SECONDS); // everything so far handled and committed
        }
    }
}
