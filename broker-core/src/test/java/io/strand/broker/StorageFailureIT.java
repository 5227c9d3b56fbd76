package io.strand.broker;

import static io.strand.broker.BrokerIT.messages;
import static io.strand.broker.BrokerIT.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.ErrorCode;
import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.PubSub;
import io.strand.api.PublishBatchRequest;
import io.strand.api.StrandException;
import io.strand.broker.net.ClientWire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fails under a whole broker: publishes get the retriable STORAGE_UNAVAILABLE, {@code /health}
 * turns 503 with the cause, fetches keep serving what was stored, and a restart on the repaired disk
 * recovers everything acknowledged.
 */
@Timeout(120)
class StorageFailureIT {

    @TempDir
    Path dir;

    @Test
    void aFailedDiskMakesTheBrokerUnhealthyAndReadOnlyAndARestartRecoversEverythingAcknowledged() throws Exception {
        AtomicBoolean diskBroken = new AtomicBoolean();
        try (Broker broker = Broker.start(TestBrokers.config(dir, java.util.Map.of()), () -> {
                if (diskBroken.get()) {
                    throw new IOException("injected: No space left on device");
                }
            });
             ClientWire.Client client = ClientWire.FRAMED_BINARY.connect(broker.port())) {
            PubSub.Client api = client.api();
            api.publishBatch(new PublishBatchRequest("ledger", messages("m", 5)));
            assertEquals(200, health(broker).statusCode());

            diskBroken.set(true);
            StrandException refused = assertThrows(StrandException.class,
                    () -> api.publishBatch(new PublishBatchRequest("ledger", messages("lost", 3))));
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, refused.getCode(), refused.getDetail());
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, assertThrows(StrandException.class,
                    () -> api.publishBatch(new PublishBatchRequest("ledger", messages("later", 1)))).getCode(),
                    "the failure is sticky");

            HttpResponse<String> down = health(broker);
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("No space left on device"), down.body());

            FetchResult stillReadable = api.fetch(new FetchRequest().setTopic("ledger").setOffset(0).setMaxMessages(100));
            assertEquals(5, stillReadable.getMessagesSize());
        }

        try (Broker broker = TestBrokers.start(dir);
             ClientWire.Client client = ClientWire.UNFRAMED_BINARY.connect(broker.port())) {
            PubSub.Client api = client.api();
            assertEquals(200, health(broker).statusCode());
            FetchResult recovered = api.fetch(new FetchRequest().setTopic("ledger").setOffset(0).setMaxMessages(100));
            assertEquals(5, recovered.getMessagesSize());
            assertEquals("m4", text(recovered.getMessages().get(4)));
            assertEquals(5, api.publishBatch(new PublishBatchRequest("ledger", messages("n", 1))).getBaseOffset(),
                    "appends work again, right after what was acknowledged");
        }
    }

    private static HttpResponse<String> health(Broker broker) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + broker.adminPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
