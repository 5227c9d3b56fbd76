package io.strand.broker.push;

import io.strand.api.Consumer;
import io.strand.api.Endpoint;
import io.strand.api.Message;
import java.time.Duration;
import java.util.List;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

/**
 * A connection to one push subscriber's {@code Consumer} endpoint.
 *
 * <p>Wire: unframed {@link TSocket} + {@link TBinaryProtocol} — what the seed's {@code make_server}
 * (and Thrift's simple servers by default) speak, so a push endpoint can be written like the seed's
 * server. The connection is opened on first use, reused between deliveries, and dropped after any
 * failure (a timed-out call leaves the stream in an unknown state), so the next delivery reconnects.
 * The timeout bounds both connecting and waiting for the reply.
 *
 * <p>Thread rules: used only by its dispatcher's thread, except {@link #close()}, which another thread
 * may call to unblock a hanging call.
 */
final class ConsumerConnection implements AutoCloseable {
    private final Endpoint endpoint;
    private final int timeoutMs;
    private volatile TSocket socket;
    private Consumer.Client client;

    ConsumerConnection(Endpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** Delivers the batch; returns once the consumer acknowledged it. Closes itself on failure. */
    void consume(List<Message> messages) throws TException {
        try {
            if (client == null) {
                TSocket opened = new TSocket(new TConfiguration(), endpoint.getHost(), endpoint.getPort(),
                        timeoutMs, timeoutMs);
                socket = opened;
                opened.open();
                client = new Consumer.Client(new TBinaryProtocol(opened));
            }
            client.consume(messages);
        } catch (TException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String describe() {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    @Override
    public void close() {
        TSocket current = socket;
        socket = null;
        client = null;
        if (current != null) {
            current.close();
        }
    }
}
