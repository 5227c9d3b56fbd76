package io.strand.broker.codec;

import io.strand.api.Message;
import io.strand.storage.Record;
import io.strand.storage.StoredRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wire {@link Message} ↔ storage {@link Record} / {@link StoredRecord}.
 *
 * <p>On the way in, the message's topic, offset and timestamp are ignored (the broker assigns them);
 * data, key and headers become the record. The byte arrays are handed to the store, which owns them
 * from then on. On the way out every field is set, offset and timestamp included.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    /**
     * The record to append for {@code message}.
     *
     * @throws IllegalArgumentException if data is missing or a header has a null key or value (the
     *                                  caller reports it as an invalid request)
     */
    public static Record toRecord(Message message) {
        if (message == null) {
            throw new IllegalArgumentException("a message is null");
        }
        byte[] data = message.getData();
        if (data == null) {
            throw new IllegalArgumentException("a message has no data (field 2); set it, possibly to an empty value");
        }
        byte[] key = message.isSetKey() ? message.getKey() : null;
        return new Record(key, data, headersOf(message));
    }

    /**
     * The message a reader gets for {@code record} of {@code topic}.
     *
     * <p>Buffer ownership: value and key are wrapped, not copied. The generated constructor and
     * setters copy every binary field — a payload copy per message per fetch that showed in fetch
     * profiles (W4/W5). Sharing is safe: a {@link StoredRecord}'s arrays are read-only by contract,
     * and the Thrift encoder only reads them.
     */
    public static Message toMessage(String topic, StoredRecord record) {
        Message message = new Message();
        message.topic = topic;
        message.data = ByteBuffer.wrap(record.value());
        if (record.key() != null) {
            message.key = ByteBuffer.wrap(record.key());
        }
        if (!record.headers().isEmpty()) {
            message.setHeaders(new HashMap<>(record.headers()));
        }
        message.setOffset(record.offset());
        message.setTimestamp(record.timestamp());
        return message;
    }

    public static List<Message> toMessages(String topic, List<StoredRecord> records) {
        List<Message> messages = new ArrayList<>(records.size());
        for (StoredRecord record : records) {
            messages.add(toMessage(topic, record));
        }
        return messages;
    }

    /** Payload bytes of a stored record (data + key), as counted by the bytes-out meters. */
    public static long payloadBytes(StoredRecord record) {
        return record.value().length + (record.key() == null ? 0L : record.key().length);
    }

    /** Payload bytes of a record to append (data + key), as counted by the bytes-in meter. */
    public static long payloadBytes(Record record) {
        return record.value().length + (record.key() == null ? 0L : record.key().length);
    }

    private static Map<String, String> headersOf(Message message) {
        if (!message.isSetHeaders() || message.getHeaders().isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(message.getHeaders().size() * 2);
        for (Map.Entry<String, String> header : message.getHeaders().entrySet()) {
            if (header.getKey() == null || header.getValue() == null) {
                throw new IllegalArgumentException("a message header has a null name or value");
            }
            headers.put(header.getKey(), header.getValue());
        }
        return headers;
    }
}
