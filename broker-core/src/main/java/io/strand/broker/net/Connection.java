package io.strand.broker.net;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolDecorator;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection on its own thread: detects the wire format from the first bytes, then
 * reads a request, runs it through the processor and writes the response, until the client leaves,
 * goes idle, breaks the protocol or the server drains.
 *
 * <p>State: {@code IDLE} while waiting for a request, {@code BUSY} while one is processed, {@code
 * CLOSING} once the server asked it to stop. Only this connection's thread moves IDLE↔BUSY; {@link
 * #drain} moves either to CLOSING. A draining server closes an IDLE connection at once and lets a BUSY
 * one finish its request (its response is sent) before closing it — a request is processed whole or
 * not at all.
 *
 * <p>Time limits: the socket's read timeout is the idle timeout. It applies while waiting for and
 * reading a request, never while the processor runs, so a long-poll fetch may block as long as it
 * needs without this connection being closed and without holding any other connection's thread.
 */
final class Connection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private enum State { IDLE, BUSY, CLOSING }

    private final Socket socket;
    private final String peer;
    private final TProcessor processor;
    private final ServerSettings settings;
    private final TransportMetrics metrics;
    private final Consumer<Connection> onClose;
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);

    Connection(Socket socket, TProcessor processor, ServerSettings settings, TransportMetrics metrics,
               Consumer<Connection> onClose) {
        this.socket = socket;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
        this.processor = processor;
        this.settings = settings;
        this.metrics = metrics;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IdleTimeoutException e) {
            metrics.idleClosed.mark();
            log.debug("closing idle connection from {}", peer);
        } catch (ProtocolViolationException e) {
            metrics.protocolErrors.mark();
            metrics.warnings.warn("closing connection from " + peer + ": " + e.getMessage());
        } catch (TTransportException e) {
            if (state.get() != State.CLOSING) {
                log.debug("connection from {} ended: {}", peer, e.getMessage());
            }
        } catch (TException | RuntimeException e) {
            if (state.get() != State.CLOSING) {
                metrics.protocolErrors.mark();
                metrics.warnings.warn("closing connection from " + peer + " after a malformed request: " + e);
            }
        } finally {
            state.set(State.CLOSING);
            closeSocket();
            onClose.accept(this);
        }
    }

    private void serve() throws TException {
        ConnectionTransport transport;
        try {
            transport = new ConnectionTransport(socket.getInputStream(), socket.getOutputStream(),
                    settings.maxFrameBytes());
        } catch (IOException e) {
            throw new TTransportException(TTransportException.NOT_OPEN, e.getMessage(), e);
        }
        Optional<WireFormat> format = WireFormat.detect(transport, settings.maxFrameBytes());
        if (format.isEmpty()) {
            return;
        }
        transport.useFraming(format.get().framed());
        TProtocol in = format.get().protocol(transport, settings.maxContainerElements());
        ReplyWatcher out = new ReplyWatcher(in, metrics);
        log.debug("connection from {} speaks {}", peer, format.get());
        while (transport.awaitRequest()) {
            if (!state.compareAndSet(State.IDLE, State.BUSY)) {
                return;
            }
            out.exceptionSent = false;
            processor.process(in, out);
            transport.endRequest();
            if (out.exceptionSent && !format.get().framed()) {
                // The unread rest of a rejected unframed request cannot be told from the next request.
                return;
            }
            if (!state.compareAndSet(State.BUSY, State.IDLE)) {
                return;
            }
        }
    }

    /** Stops taking requests: closes now if waiting for one, else after the current one is answered. */
    void drain() {
        if (state.getAndSet(State.CLOSING) == State.IDLE) {
            closeSocket();
        }
    }

    /** Closes the socket now, whatever the connection is doing; its thread then ends. */
    void forceClose() {
        state.set(State.CLOSING);
        closeSocket();
    }

    boolean busy() {
        return state.get() == State.BUSY;
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing connection from {}: {}", peer, e.getMessage());
        }
    }

    /**
     * Notes whether the processor answered with a TApplicationException instead of a reply (counted
     * before the response is sent, so a client that sees it can also see the count).
     */
    private static final class ReplyWatcher extends TProtocolDecorator {
        private final TransportMetrics metrics;
        boolean exceptionSent;

        ReplyWatcher(TProtocol protocol, TransportMetrics metrics) {
            super(protocol);
            this.metrics = metrics;
        }

        @Override
        public void writeMessageBegin(TMessage message) throws TException {
            if (message.type == TMessageType.EXCEPTION) {
                exceptionSent = true;
                metrics.requestsRejected.mark();
            }
            super.writeMessageBegin(message);
        }
    }
}
