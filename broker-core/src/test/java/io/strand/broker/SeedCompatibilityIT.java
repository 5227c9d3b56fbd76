package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.broker.net.ClientWire;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import seed.pubsub.PubSub;
import seed.pubsub.Subscriber;

/**
 * Clients built from the seed's IDL (src/test/resources/seed/pubsub.thrift) — unframed transport,
 * binary protocol, {@code string data} — publish and subscribe against Strand, and what they publish
 * is there when read back with Strand's own API.
 */
@Timeout(120)
class SeedCompatibilityIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void javaClientGeneratedFromTheSeedIdlPublishesAndSubscribes() throws TException {
        try (Broker broker = TestBrokers.start(dir)) {
            TSocket socket = new TSocket("127.0.0.1", broker.port(), 10_000);
            socket.open();
            try {
                PubSub.Client seed = new PubSub.Client(new TBinaryProtocol(socket));
                seed.subscribe(new Subscriber("subscriber1"));
                for (int i = 0; i < 3; i++) {
                    seed.publish(new seed.pubsub.Message("topic1", "Hello, World! " + i));
                }
            } finally {
                socket.close();
            }
            assertArrived(broker, "topic1", 3);
            assertSubscribed(broker, "subscriber1");
        }
    }

    @Test
    void pythonThriftpyClientWithMakeClientDefaultsPublishesAndSubscribes() throws Exception {
        assumeTrue(thriftpyInstalled(),
                "install python3-thriftpy (apt-get install python3-thriftpy) to run the seed-client test");
        try (Broker broker = TestBrokers.start(dir)) {
            Path log = dir.resolve("python.log");
            Process python = new ProcessBuilder(PYTHON.toString(), resource("seed/seed_client.py").toString(),
                    resource("seed/pubsub.thrift").toString(), String.valueOf(broker.port()), "topic1", "4")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python client finished");
                assertEquals(0, python.exitValue(), Files.readString(log));
            } finally {
                python.destroyForcibly();
            }
            assertArrived(broker, "topic1", 4);
            assertSubscribed(broker, "python-subscriber");
        }
    }

    private static void assertArrived(Broker broker, String topic, int count) throws TException {
        try (ClientWire.Client client = ClientWire.FRAMED_COMPACT.connect(broker.port())) {
            FetchResult result = client.api().fetch(new FetchRequest().setTopic(topic).setOffset(0));
            List<String> texts = result.getMessages().stream().map(SeedCompatibilityIT::text).toList();
            assertEquals(count, texts.size(), texts.toString());
            for (int i = 0; i < count; i++) {
                assertEquals("Hello, World! " + i, texts.get(i));
                assertEquals(i, result.getMessages().get(i).getOffset());
            }
        }
    }

    private static void assertSubscribed(Broker broker, String name) throws TException {
        try (ClientWire.Client client = ClientWire.FRAMED_COMPACT.connect(broker.port())) {
            assertEquals(name, client.api().describeSubscription(name).getSubscriber().getName());
        }
    }

    private static String text(Message m) {
        return StandardCharsets.UTF_8.decode(m.bufferForData()).toString();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SeedCompatibilityIT.class.getClassLoader().getResource(name).toURI());
    }

    private static boolean thriftpyInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import thriftpy.rpc").redirectErrorStream(true).start();
        try (InputStream out = check.getInputStream()) {
            out.readAllBytes();
        }
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }
}
