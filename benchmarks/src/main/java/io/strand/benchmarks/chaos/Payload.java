package io.strand.benchmarks.chaos;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The bytes a chaos publisher sends, which say who sent them, so that a message read back from the log
 * or delivered to a subscriber can be traced to exactly one {@code send}.
 *
 * <p>Layout, big-endian: {@code magic "CHAS" (4) | publisher (4) | sequence (8) | topic length (2) |
 * topic UTF-8 | filler length (4) | filler | CRC32C of everything before (4)}. The filler is seeded
 * random bytes, so payloads differ in length and content; the CRC makes a damaged payload
 * recognisable on its own, without the ledger.
 *
 * <p>{@link #fingerprint} is the first 64 bits of the payload's SHA-256: what the ledger keeps per
 * acknowledged offset instead of the payload itself (a wrong payload passing as right would need a
 * 64-bit collision).
 */
final class Payload {
    private static final int MAGIC = 0x43484153;
    private static final int FIXED_BYTES = 4 + 4 + 8 + 2 + 4 + 4;

    private Payload() {
    }

    /** Who sent a payload: a publisher and its own sequence number (one per {@code send}, never reused). */
    record Origin(int publisher, long sequence, String topic) {
        /** A single long naming (publisher, sequence): the key duplicate detection uses. */
        long key() {
            return ((long) publisher << 40) | sequence;
        }

        @Override
        public String toString() {
            return "publisher " + publisher + " seq " + sequence;
        }
    }

    static byte[] encode(Origin origin, int fillerBytes, SplittableRandom random) {
        if (origin.sequence() < 0 || origin.sequence() >= (1L << 40) || origin.publisher() < 0) {
            throw new IllegalArgumentException("publisher must be >= 0 and sequence within 40 bits: " + origin);
        }
        byte[] topic = origin.topic().getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[fillerBytes];
        random.nextBytes(filler);
        ByteBuffer buf = ByteBuffer.allocate(FIXED_BYTES + topic.length + filler.length);
        buf.putInt(MAGIC).putInt(origin.publisher()).putLong(origin.sequence());
        buf.putShort((short) topic.length).put(topic);
        buf.putInt(filler.length).put(filler);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /** The origin of a well-formed payload; empty when the bytes are not one (wrong length, magic or CRC). */
    static Optional<Origin> decode(byte[] bytes) {
        if (bytes.length < FIXED_BYTES) {
            return Optional.empty();
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.getInt(bytes.length - 4) != (int) crc.getValue() || buf.getInt() != MAGIC) {
            return Optional.empty();
        }
        try {
            int publisher = buf.getInt();
            long sequence = buf.getLong();
            byte[] topic = new byte[buf.getShort() & 0xffff];
            buf.get(topic);
            int filler = buf.getInt();
            if (filler < 0 || buf.remaining() != filler + 4) {
                return Optional.empty();
            }
            return Optional.of(new Origin(publisher, sequence, new String(topic, StandardCharsets.UTF_8)));
        } catch (BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    static long fingerprint(byte[] bytes) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
