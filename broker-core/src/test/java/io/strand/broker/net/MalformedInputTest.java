package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.strand.api.PubSub;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever bytes a client sends, the broker closes that connection (without reading an oversized
 * request into memory) and keeps serving a well-behaved client afterwards.
 */
@Timeout(30)
class MalformedInputTest {
    private static final int MAX_FRAME = 1 << 20;
    private final MetricRegistry metrics = new MetricRegistry();
    private ThriftServer server;

    @BeforeEach
    void start() {
        server = ThriftServer.start(TestSettings.of("127.0.0.1", 0, 16, MAX_FRAME, 1000,
                Optional.of(Duration.ofSeconds(20))), new PubSub.Processor<>(new InMemoryPubSub()), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // what;                                   bytes sent (hex);                           counted as a protocol error
            "frame length 2 GiB (negative as int32),   80000000deadbeef,                           true",
            "frame length 2 GiB - 1,                   7fffffff80010001,                           true",
            "frame length -1,                          ffffffff,                                   true",
            "frame length just over max.frame.bytes,   0010000180010001,                           true",
            "frame length zero,                        0000000080010001,                           true",
            "frame holding no Thrift message,          000000054141414141,                         true",
            "an HTTP request,                          474554202f20485454502f312e310d0a0d0a,       true",
            "unframed binary announcing a 2 GiB name,  800100017ffffff0696e666f,                   true",
            "framed binary announcing a string longer than its frame, 000000178001000100000004696e666f000000010b00017ffffff0, true",
            "unframed binary with a negative name length, 80010001fffffff0,                        true",
            "unframed compact with a bad version,      823f,                                       true",
            "truncated frame then EOF,                 0000006480010001000000,                     false",
            "truncated unframed message then EOF,      80010001000000,                             false",
    })
    void connectionIsClosedAndTheBrokerKeepsServing(String what, String hex, boolean protocolError)
            throws IOException, TException, InterruptedException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            if (!protocolError) {
                socket.shutdownOutput();
            }
            assertTrue(closedByServer(socket.getInputStream()), what + ": the server closed the connection");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(protocolError ? 1 : 0, metrics.meter(TransportMetrics.PROTOCOL_ERRORS).getCount(), what);
        for (ClientWire wire : ClientWire.values()) {
            try (ClientWire.Client client = wire.connect(server.port())) {
                client.api().publish(new io.strand.api.Message("after",
                        ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8))));
                assertEquals(0, client.api().info().getSubscriptions());
            }
        }
    }

    /** Reads until EOF or reset; a reply to the garbage (if any) is skipped. */
    private static boolean closedByServer(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        try {
            for (int i = 0; i < 1000; i++) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
