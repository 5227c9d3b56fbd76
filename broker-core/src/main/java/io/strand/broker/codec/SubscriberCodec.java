package io.strand.broker.codec;

import io.strand.api.Subscriber;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TCompactProtocol;

/**
 * A subscription's definition as stored in the cursor store: the Thrift {@link Subscriber} serialized
 * with the compact protocol. Keeping the Thrift struct (rather than a storage-side format) means a new
 * optional field of {@code Subscriber} is stored and recovered without touching the storage module;
 * old definitions simply lack it. Serializers are created per call because they are not thread-safe
 * and creating one is cheap.
 */
public final class SubscriberCodec {

    private SubscriberCodec() {
    }

    public static byte[] encode(Subscriber subscriber) {
        try {
            return new TSerializer(new TCompactProtocol.Factory()).serialize(subscriber);
        } catch (TException e) {
            throw new IllegalStateException("cannot serialize subscription '" + subscriber.getName() + "'", e);
        }
    }

    /** @throws IllegalStateException if the bytes are not a serialized {@code Subscriber} */
    public static Subscriber decode(byte[] definition) {
        try {
            Subscriber subscriber = new Subscriber();
            new TDeserializer(new TCompactProtocol.Factory()).deserialize(subscriber, definition);
            subscriber.validate();
            return subscriber;
        } catch (TException e) {
            throw new IllegalStateException("stored subscription definition is unreadable: " + e.getMessage(), e);
        }
    }
}
