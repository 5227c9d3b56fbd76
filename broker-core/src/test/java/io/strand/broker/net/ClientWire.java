package io.strand.broker.net;

import io.strand.api.PubSub;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/** The four ways a test client can speak to the Thrift port, with plain libthrift client classes. */
public enum ClientWire {
    FRAMED_BINARY(true, false),
    FRAMED_COMPACT(true, true),
    UNFRAMED_BINARY(false, false),
    UNFRAMED_COMPACT(false, true);

    private final boolean framed;
    private final boolean compact;

    ClientWire(boolean framed, boolean compact) {
        this.framed = framed;
        this.compact = compact;
    }

    /** Opens a connection to 127.0.0.1:{@code port} (10 s socket timeout). */
    public Client connect(int port) throws TTransportException {
        TSocket socket = new TSocket("127.0.0.1", port, 10_000);
        TTransport transport = framed ? new TFramedTransport(socket) : socket;
        transport.open();
        TProtocol protocol = compact ? new TCompactProtocol(transport) : new TBinaryProtocol(transport);
        return new Client(transport, new PubSub.Client(protocol));
    }

    /** A connected {@link PubSub.Client} that closes its socket. */
    public record Client(TTransport transport, PubSub.Client api) implements AutoCloseable {
        @Override
        public void close() {
            transport.close();
        }
    }
}
