package io.strand.client;

import io.strand.api.Consumer;
import io.strand.api.ErrorCode;
import io.strand.api.StrandException;
import java.util.List;

/**
 * The Thrift {@code Consumer} service a {@link PushReceiver} serves: hands each message of a batch to
 * the handler, and turns a handler exception into a {@link StrandException} so the broker counts a
 * failed delivery and redelivers. Calls are serialised (synchronized), so the handler sees one batch at
 * a time even if the broker opened a second connection after a timeout.
 */
final class ConsumerEndpoint implements Consumer.Iface {

    private final MessageHandler handler;
    private volatile boolean closed;

    ConsumerEndpoint(MessageHandler handler) {
        this.handler = handler;
    }

    @Override
    public synchronized void consume(List<io.strand.api.Message> messages) throws StrandException {
        for (io.strand.api.Message wire : messages) {
            if (closed) {
                throw new StrandException(ErrorCode.UNAVAILABLE, "the push receiver is closing; deliver again later");
            }
            ReceivedMessage message = Wire.fromWire(wire, 0);
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new StrandException(ErrorCode.INTERNAL, "handler failed on " + message.topic() + "@"
                        + message.offset() + ": " + e);
            }
        }
    }

    void close() {
        closed = true;
    }
}
