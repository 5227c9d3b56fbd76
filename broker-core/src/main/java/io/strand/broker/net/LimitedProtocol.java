package io.strand.broker.net;

import org.apache.thrift.TException;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolDecorator;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.transport.TTransportException;

/**
 * The side of a connection's protocol that reads requests, with the limits libthrift 0.20 does not
 * apply on a server (its {@code TConfiguration} recursion limit is not enforced by the Java protocols):
 * <ul>
 *   <li><b>Nesting depth.</b> Generated code skips unknown fields with {@code TProtocolUtil.skip},
 *       which recurses without bound, so a request of a few MB nested a million levels deep would
 *       overflow the connection thread's stack. Structs, lists, maps and sets may nest at most
 *       {@value #MAX_DEPTH} deep (Strand's IDL needs fewer than ten); deeper is a
 *       {@link TProtocolException}, answered as PROTOCOL_ERROR like any malformed arguments (or, while
 *       skipping an unknown method's arguments, the end of the connection).</li>
 *   <li><b>Decoded size.</b> An empty struct costs one byte on the wire and a map entry of short
 *       strings a few, but each becomes a hundred bytes or more of heap. Each container's element count
 *       is charged to the request's memory at {@value #ELEMENT_BYTES} bytes an element before the
 *       generated code allocates for it, so {@code max.inflight.request.bytes} bounds decoded requests
 *       and not only their wire bytes.</li>
 *   <li><b>Method names</b> longer than {@value #MAX_METHOD_NAME} characters end the connection (no
 *       method is named like that, and an unknown name is echoed back in the reply).</li>
 * </ul>
 *
 * <p>Thread rule: used by the connection's thread only; {@link #startRequest} before each request.
 */
final class LimitedProtocol extends TProtocolDecorator {
    static final int MAX_DEPTH = 64;
    static final int ELEMENT_BYTES = 128;
    static final int MAX_METHOD_NAME = 256;

    /** Takes the decoded-size charge of a container about to be allocated. */
    @FunctionalInterface
    interface DecodedCharge {
        void charge(long bytes) throws TTransportException;
    }

    private final DecodedCharge charge;
    private int depth;

    LimitedProtocol(TProtocol protocol, DecodedCharge charge) {
        super(protocol);
        this.charge = charge;
    }

    /** Forgets the nesting of a request that failed half-way. */
    void startRequest() {
        depth = 0;
    }

    @Override
    public TMessage readMessageBegin() throws TException {
        TMessage message = super.readMessageBegin();
        if (message.name != null && message.name.length() > MAX_METHOD_NAME) {
            throw new ProtocolViolationException("method name of " + message.name.length()
                    + " characters; no method is longer than " + MAX_METHOD_NAME);
        }
        return message;
    }

    @Override
    public TStruct readStructBegin() throws TException {
        enter();
        return super.readStructBegin();
    }

    @Override
    public void readStructEnd() throws TException {
        super.readStructEnd();
        depth--;
    }

    @Override
    public TList readListBegin() throws TException {
        enter();
        TList list = super.readListBegin();
        charge.charge((long) list.size * ELEMENT_BYTES);
        return list;
    }

    @Override
    public void readListEnd() throws TException {
        super.readListEnd();
        depth--;
    }

    @Override
    public TMap readMapBegin() throws TException {
        enter();
        TMap map = super.readMapBegin();
        charge.charge((long) map.size * ELEMENT_BYTES);
        return map;
    }

    @Override
    public void readMapEnd() throws TException {
        super.readMapEnd();
        depth--;
    }

    @Override
    public TSet readSetBegin() throws TException {
        enter();
        TSet set = super.readSetBegin();
        charge.charge((long) set.size * ELEMENT_BYTES);
        return set;
    }

    @Override
    public void readSetEnd() throws TException {
        super.readSetEnd();
        depth--;
    }

    private void enter() throws TProtocolException {
        if (++depth > MAX_DEPTH) {
            throw new TProtocolException(TProtocolException.DEPTH_LIMIT, "structs and containers nested more than "
                    + MAX_DEPTH + " deep");
        }
    }
}
