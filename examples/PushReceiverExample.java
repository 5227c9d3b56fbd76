import io.strand.client.Message;
import io.strand.client.Publisher;
import io.strand.client.PublisherOptions;
import io.strand.client.PushReceiver;
import io.strand.client.PushReceiverOptions;
import io.strand.client.Strand;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Push delivery: the application runs a small Thrift endpoint (on a free port of 127.0.0.1) and the
 * broker calls it with each new message of "alerts". A handler that throws makes the broker retry.
 *
 * <pre>java -cp "$(cat client/target/classpath.txt):client/target/classes" examples/PushReceiverExample.java [host:port]</pre>
 */
public class PushReceiverExample {
    public static void main(String[] args) throws Exception {
        String broker = args.length > 0 ? args[0] : "127.0.0.1:9090";
        CountDownLatch received = new CountDownLatch(3);

        PushReceiverOptions options = PushReceiverOptions.builder("example-pager", "alerts").broker(broker).build();
        try (PushReceiver receiver = Strand.pushReceiver(options, m -> {
                 System.out.println("pushed to me: '" + m.dataAsString() + "' (offset " + m.offset() + ")");
                 received.countDown();
             });
             Publisher publisher = Strand.publisher(PublisherOptions.builder().broker(broker).build())) {
            System.out.println("receiving on " + receiver.address());
            for (int i = 1; i <= 3; i++) {
                publisher.send(Message.of("alerts", "alert " + i));
            }
            publisher.flush();
            if (!received.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker did not push the alerts within 30 s");
            }
        }
    }
}
