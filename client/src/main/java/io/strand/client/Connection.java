package io.strand.client;

import io.strand.api.PubSub;
import java.time.Duration;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;

/**
 * One open Thrift connection to the broker and the {@link PubSub.Client} speaking over it.
 *
 * <p>Thread rule: a Thrift client is a request/response state machine over one socket, so a
 * connection is used by one thread at a time; callers that share one serialise on it. After any
 * {@link ConnectionException} the stream may hold half a response: the caller must {@link #close()}
 * the connection and open a new one.
 */
final class Connection implements AutoCloseable {

    private final BrokerAddress broker;
    private final TSocket socket;
    private final TTransport transport;
    private final PubSub.Client client;
    private final int requestTimeoutMs;

    Connection(BrokerAddress broker, TSocket socket, TTransport transport, PubSub.Client client, Duration requestTimeout) {
        this.broker = broker;
        this.socket = socket;
        this.transport = transport;
        this.client = client;
        this.requestTimeoutMs = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
    }

    /** A broker call; may throw any {@link TException}. */
    @FunctionalInterface
    interface Call<T> {
        T apply(PubSub.Client client) throws TException;
    }

    /** Runs one request with the normal request timeout. */
    <T> T call(Call<T> call) {
        return call(call, requestTimeoutMs);
    }

    /**
     * Runs one request, waiting at most {@code timeoutMs} for its response (a long-poll fetch passes
     * its wait plus the request timeout; a publish near its delivery deadline passes less).
     *
     * @throws StrandClientException the broker's typed error, or {@link ConnectionException}
     */
    <T> T call(Call<T> call, long timeoutMs) {
        socket.setSocketTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs)));
        try {
            return call.apply(client);
        } catch (TException e) {
            throw Errors.fromThrift(e, broker);
        } catch (RuntimeException e) {
            // libthrift surfaces some socket failures (e.g. a closed stream) as unchecked exceptions.
            throw Errors.connectionLost(e, broker);
        }
    }

    long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    BrokerAddress broker() {
        return broker;
    }

    /** Closes the socket; a call blocked on it in another thread fails with a {@link ConnectionException}. */
    @Override
    public void close() {
        transport.close();
    }
}
