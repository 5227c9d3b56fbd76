package io.strand.storage.rocksdb;

import io.strand.storage.Record;
import io.strand.storage.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The value stored under one {@code log} key: a whole record batch, all records sharing one append
 * timestamp. Layout (integers big-endian):
 *
 * <pre>
 * magic:1 (= 1) ‖ crc32c:4 ‖ recordCount:4 ‖ timestamp:8 ‖ record*
 * record = keyLength:4 (-1 = no key) ‖ key ‖ valueLength:4 ‖ value ‖ headerCount:4 ‖ header*
 * header = nameLength:4 ‖ name (UTF-8) ‖ valueLength:4 ‖ value (UTF-8)
 * </pre>
 *
 * The CRC32C covers every byte after the CRC field (count, timestamp and records), so a flipped bit
 * anywhere but the magic byte is caught; a wrong magic byte is caught by its own check. The batch's
 * base offset is not stored in the value: it is the key.
 *
 * <p>Encoding is split so the costly part runs on the appending thread: {@link #encode} lays out the
 * records with a zero timestamp and CRC; the writer thread, which alone decides the timestamp, calls
 * {@link #seal} to fill both in. Stateless and thread-safe.
 */
final class BatchCodec {
    static final byte MAGIC = 1;
    static final int HEADER_BYTES = 17;
    private static final int CRC_AT = 1;
    private static final int COUNT_AT = 5;
    private static final int TIMESTAMP_AT = 9;

    private BatchCodec() {
    }

    private static final byte[][] NO_HEADERS = new byte[0][];

    /**
     * Stored batches are at most about this big: a larger append is stored as consecutive batches of
     * at most this many record bytes each (a record larger than this alone in its own), written in the
     * same WriteBatch. Why: a read materialises whole stored batches, so without this cap a fetch of a
     * single message out of a 16 MiB append would copy 16 MiB onto the heap.
     */
    static final int MAX_STORED_RECORD_BYTES = 1 << 20;

    /** One stored batch of an append: its encoded bytes (unsealed) and how many records it holds. */
    record Chunk(byte[] bytes, int count) {
    }

    /**
     * Lays out {@code records} as one or more consecutive batches of at most
     * {@value #MAX_STORED_RECORD_BYTES} record bytes each (see there); each needs {@link #seal}.
     */
    static List<Chunk> encodeChunks(List<Record> records, int maxChunkRecordBytes) {
        List<Chunk> chunks = new ArrayList<>(1);
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < records.size(); i++) {
            int size = records.get(i).sizeInBytes();
            if (i > from && bytes + size > maxChunkRecordBytes) {
                chunks.add(new Chunk(encode(records.subList(from, i)), i - from));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        chunks.add(new Chunk(encode(records.subList(from, records.size())), records.size() - from));
        return chunks;
    }

    /** Lays out {@code records}; the result needs {@link #seal} before it is stored. */
    static byte[] encode(List<Record> records) {
        List<byte[][]> headerBytes = new ArrayList<>(records.size());
        int size = HEADER_BYTES;
        for (Record r : records) {
            byte[][] headers = headerBytes(r.headers());
            headerBytes.add(headers);
            size += 12 + (r.key() == null ? 0 : r.key().length) + r.value().length;
            for (byte[] h : headers) {
                size += 4 + h.length;
            }
        }
        byte[] out = new byte[size];
        out[0] = MAGIC;
        Keys.putInt(out, COUNT_AT, records.size());
        int at = HEADER_BYTES;
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            at = putBytes(out, at, r.key());
            at = putBytes(out, at, r.value());
            byte[][] headers = headerBytes.get(i);
            Keys.putInt(out, at, headers.length / 2);
            at += 4;
            for (byte[] h : headers) {
                at = putBytes(out, at, h);
            }
        }
        return out;
    }

    /** Stamps the batch's append time and computes its CRC. Called by the writer thread only. */
    static void seal(byte[] batch, long timestamp) {
        Keys.putLong(batch, TIMESTAMP_AT, timestamp);
        Keys.putInt(batch, CRC_AT, crc(batch));
    }

    static int count(byte[] batch) {
        return Keys.getInt(batch, COUNT_AT);
    }

    static long timestamp(byte[] batch) {
        return Keys.getLong(batch, TIMESTAMP_AT);
    }

    /** Throws when the batch is not a well-formed batch with a matching CRC. */
    static void verify(byte[] batch) throws CorruptBatchException {
        if (batch.length < HEADER_BYTES || batch[0] != MAGIC) {
            throw new CorruptBatchException(batch.length < HEADER_BYTES ? "batch is " + batch.length + " bytes, shorter than its header"
                    : "unknown batch format version " + batch[0]);
        }
        int stored = Keys.getInt(batch, CRC_AT);
        int actual = crc(batch);
        if (stored != actual) {
            throw new CorruptBatchException(String.format("CRC32C mismatch: stored %08x, computed %08x", stored, actual));
        }
        if (count(batch) <= 0) {
            throw new CorruptBatchException("record count " + count(batch));
        }
    }

    /** Verifies the batch and returns a cursor over its records, starting at its first one. */
    static Cursor open(byte[] batch, long baseOffset) throws CorruptBatchException {
        verify(batch);
        return new Cursor(batch, baseOffset);
    }

    private static int crc(byte[] batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch, COUNT_AT, batch.length - COUNT_AT);
        return (int) crc.getValue();
    }

    private static byte[][] headerBytes(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return NO_HEADERS; // the common case: no array per header-less record
        }
        byte[][] out = new byte[headers.size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out[i++] = h.getKey().getBytes(StandardCharsets.UTF_8);
            out[i++] = h.getValue().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static int putBytes(byte[] out, int at, byte[] bytes) {
        if (bytes == null) {
            Keys.putInt(out, at, -1);
            return at + 4;
        }
        Keys.putInt(out, at, bytes.length);
        System.arraycopy(bytes, 0, out, at + 4, bytes.length);
        return at + 4 + bytes.length;
    }

    /**
     * Walks the records of one verified batch in order. Not thread-safe; one per read.
     */
    static final class Cursor {
        private final byte[] batch;
        private final int count;
        private final long timestamp;
        private long nextOffset;
        private int position = HEADER_BYTES;
        private int index;

        private Cursor(byte[] batch, long baseOffset) {
            this.batch = batch;
            this.count = count(batch);
            this.timestamp = timestamp(batch);
            this.nextOffset = baseOffset;
        }

        boolean hasNext() {
            return index < count;
        }

        long nextOffset() {
            return nextOffset;
        }

        /** Encoded size of the next record; what a reader's {@code maxBytes} is counted in. */
        int nextSize() throws CorruptBatchException {
            int at = position;
            at = skipBytes(at);
            at = skipBytes(at);
            int headers = readInt(at);
            at += 4;
            for (int i = 0; i < headers * 2; i++) {
                at = skipBytes(at);
            }
            return at - position;
        }

        void skip() throws CorruptBatchException {
            position += nextSize();
            index++;
            nextOffset++;
        }

        StoredRecord next() throws CorruptBatchException {
            byte[] key = readBytes();
            byte[] value = readBytes();
            if (value == null) {
                throw new CorruptBatchException("record at index " + index + " has no value");
            }
            int headerCount = readInt(position);
            position += 4;
            Map<String, String> headers = headerCount == 0 ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < headerCount; i++) {
                byte[] name = readBytes();
                byte[] text = readBytes();
                if (name == null || text == null) {
                    throw new CorruptBatchException("header " + i + " of record at index " + index + " is null");
                }
                headers.put(new String(name, StandardCharsets.UTF_8), new String(text, StandardCharsets.UTF_8));
            }
            index++;
            return new StoredRecord(nextOffset++, timestamp, key, value, headers);
        }

        private byte[] readBytes() throws CorruptBatchException {
            int length = readInt(position);
            position += 4;
            if (length == -1) {
                return null;
            }
            checkSpan(position, length);
            byte[] out = new byte[length];
            System.arraycopy(batch, position, out, 0, length);
            position += length;
            return out;
        }

        private int skipBytes(int at) throws CorruptBatchException {
            int length = readInt(at);
            at += 4;
            if (length == -1) {
                return at;
            }
            checkSpan(at, length);
            return at + length;
        }

        private int readInt(int at) throws CorruptBatchException {
            checkSpan(at, 4);
            return Keys.getInt(batch, at);
        }

        private void checkSpan(int at, int length) throws CorruptBatchException {
            if (length < 0 || at + (long) length > batch.length) {
                throw new CorruptBatchException("record at index " + index + " overruns the batch");
            }
        }
    }

    /** A stored batch is not what was written. The caller adds topic and offsets to the message. */
    static final class CorruptBatchException extends Exception {
        CorruptBatchException(String message) {
            super(message);
        }
    }
}
