package io.strand.client;

import io.strand.api.PubSub;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * Opens {@link Connection}s as {@link ClientOptions} say: TCP socket, then framing and protocol. This
 * is the only class that chooses the encoding, so switching binary/compact or framed/unframed is one
 * option. Stateless and thread-safe.
 */
final class Connector {

    private final ClientOptions options;

    Connector(ClientOptions options) {
        this.options = options;
    }

    ClientOptions options() {
        return options;
    }

    /** @throws ConnectionException when the broker cannot be reached */
    Connection open() {
        BrokerAddress broker = options.broker();
        TConfiguration config = TConfiguration.custom()
                .setMaxFrameSize(options.maxFrameBytes())
                .setMaxMessageSize(options.maxFrameBytes())
                .build();
        int connectMs = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        int requestMs = (int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis());
        TSocket socket = null;
        try {
            socket = new TSocket(config, broker.host(), broker.port(), requestMs, connectMs);
            socket.open();
            socket.getSocket().setTcpNoDelay(true);
            TTransport transport = options.framed() ? new ReusingFramedTransport(socket, options.maxFrameBytes()) : socket;
            TProtocol protocol = options.protocol() == WireProtocol.COMPACT
                    ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
            return new Connection(broker, socket, transport, new PubSub.Client(protocol), options.requestTimeout());
        } catch (TTransportException | java.net.SocketException e) {
            if (socket != null) {
                socket.close();
            }
            throw Errors.connectionLost(e, broker);
        }
    }
}
