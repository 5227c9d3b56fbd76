package io.strand.broker.net;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
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
 * Writing a response is watched by the server's {@link WriteWatchdog}: a write that makes no progress
 * for the write timeout gets the socket closed under it.
 *
 * <p>Memory: the request in progress holds a share of the server's {@link MemoryBudget} (see
 * {@link ConnectionTransport}); when none is to be had in time the connection is closed, and whatever
 * way the connection ends, its share is returned.
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
    private final ConnectionMemory memory;
    private final LongSupplier nanoClock;
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
    private volatile WatchedOutputStream output;
    private volatile Thread thread;

    Connection(Socket socket, TProcessor processor, ServerSettings settings, TransportMetrics metrics,
               MemoryBudget budget, LongSupplier nanoClock, Consumer<Connection> onClose) {
        this.socket = socket;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
        this.processor = processor;
        this.settings = settings;
        this.metrics = metrics;
        this.memory = new ConnectionMemory(budget, settings.inflightWait());
        this.nanoClock = nanoClock;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            serve();
        } catch (ProtocolViolationException e) {
            metrics.protocolErrors.mark();
            metrics.protocolWarnings.warn("closing connection from " + peer + ": " + e.getMessage());
        } catch (MemoryBudgetException e) {
            if (state.get() != State.CLOSING) {
                metrics.memoryRefused.mark();
                metrics.memoryWarnings.warn("closing connection from " + peer + ": " + e.getMessage());
            }
        } catch (TTransportException e) {
            if (e.getType() == TTransportException.TIMED_OUT) {
                // silent before a request (IdleTimeoutException) or stuck inside one: either way, idle
                metrics.idleClosed.mark();
                log.debug("closing idle connection from {}: {}", peer, e.getMessage());
            } else if (state.get() != State.CLOSING) {
                log.debug("connection from {} ended: {}", peer, e.getMessage());
            }
        } catch (TException | RuntimeException e) {
            if (state.get() != State.CLOSING) {
                metrics.protocolErrors.mark();
                metrics.protocolWarnings.warn("closing connection from " + peer + " after a malformed request: " + e);
            }
        } catch (StackOverflowError e) {
            // LimitedProtocol bounds nesting, so this is a bug; the thread's stack is unwound by now.
            metrics.protocolErrors.mark();
            metrics.protocolWarnings.warn("closing connection from " + peer + ": its request overflowed the stack");
        } finally {
            state.set(State.CLOSING);
            closeSocket();
            memory.releaseAll();
            onClose.accept(this);
        }
    }

    private void serve() throws TException {
        ConnectionTransport transport;
        try {
            output = new WatchedOutputStream(socket.getOutputStream(), nanoClock);
            transport = new ConnectionTransport(socket.getInputStream(), output, settings.maxFrameBytes(), memory);
        } catch (IOException e) {
            throw new TTransportException(TTransportException.NOT_OPEN, e.getMessage(), e);
        }
        Optional<WireFormat> format = WireFormat.detect(transport, settings.maxFrameBytes());
        if (format.isEmpty()) {
            return;
        }
        transport.useFraming(format.get().framed());
        TProtocol protocol = format.get().protocol(transport, settings.maxContainerElements());
        LimitedProtocol in = new LimitedProtocol(protocol, transport::chargeDecoded);
        ReplyWatcher out = new ReplyWatcher(protocol, metrics);
        log.debug("connection from {} speaks {}", peer, format.get());
        while (transport.awaitRequest()) {
            if (!state.compareAndSet(State.IDLE, State.BUSY)) {
                return;
            }
            out.exceptionSent = false;
            in.startRequest();
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
            stopWaitingForMemory();
        }
    }

    /** Closes the socket now, whatever the connection is doing; its thread then ends. */
    void forceClose() {
        state.set(State.CLOSING);
        closeSocket();
        stopWaitingForMemory();
    }

    /**
     * A thread waiting for the memory budget is not woken by its socket closing; interrupt it, so a
     * stopping broker does not wait out {@code inflight.request.wait.ms}. Only called once the
     * connection is CLOSING — when draining, only if no request had started — so the interrupt cannot
     * cut short a request the broker still means to answer.
     */
    private void stopWaitingForMemory() {
        Thread current = thread;
        if (current != null && memory.waiting()) {
            current.interrupt();
        }
    }

    boolean busy() {
        return state.get() == State.BUSY;
    }

    /**
     * Closes the connection if its response write has made no progress for more than
     * {@code timeoutNanos} (the client stopped reading). Called by the {@link WriteWatchdog}'s thread.
     */
    void closeIfWriteStalled(long nowNanos, long timeoutNanos) {
        WatchedOutputStream current = output;
        if (current == null) {
            return;
        }
        OptionalLong stalled = current.stalledFor(nowNanos);
        if (stalled.isPresent() && stalled.getAsLong() > timeoutNanos && !socket.isClosed()) {
            // whatever the state: a draining connection's last response may be the one that is stuck
            state.set(State.CLOSING);
            metrics.writeTimeouts.mark();
            metrics.writeWarnings.warn("closing connection from " + peer + ": it has not read its response for "
                    + TimeUnit.NANOSECONDS.toMillis(stalled.getAsLong()) + " ms (connection.write.timeout.ms)");
            closeSocket();
        }
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
     * before the response is sent, so a client that sees it can also see the count), and cuts such an
     * exception's message to {@value #MAX_EXCEPTION_MESSAGE} characters: libthrift puts the whole
     * offending struct into the message of a missing-required-field error, which a client could make
     * megabytes long.
     */
    private static final class ReplyWatcher extends TProtocolDecorator {
        private static final int MAX_EXCEPTION_MESSAGE = 1024;
        private final TransportMetrics metrics;
        boolean exceptionSent;
        private boolean inException;

        ReplyWatcher(TProtocol protocol, TransportMetrics metrics) {
            super(protocol);
            this.metrics = metrics;
        }

        @Override
        public void writeMessageBegin(TMessage message) throws TException {
            inException = message.type == TMessageType.EXCEPTION;
            if (inException) {
                exceptionSent = true;
                metrics.requestsRejected.mark();
            }
            super.writeMessageBegin(message);
        }

        @Override
        public void writeString(String text) throws TException {
            super.writeString(inException && text.length() > MAX_EXCEPTION_MESSAGE
                    ? text.substring(0, MAX_EXCEPTION_MESSAGE) + "... (" + (text.length() - MAX_EXCEPTION_MESSAGE)
                            + " more characters cut)"
                    : text);
        }

        @Override
        public void writeMessageEnd() throws TException {
            inException = false;
            super.writeMessageEnd();
        }
    }
}
