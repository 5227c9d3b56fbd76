package io.strand.storage.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.Record;
import io.strand.storage.StoredRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
    private static final List<Record> RECORDS = List.of(
            new Record("k".getBytes(), "v1".getBytes(), Map.of("a", "b")),
            new Record(null, new byte[0], Map.of()),
            Record.of("third".getBytes()));

    @Test
    void roundTripsRecordsWithTheSealedTimestampAndOffsetsFromTheBase() throws Exception {
        byte[] batch = BatchCodec.encode(RECORDS);
        BatchCodec.seal(batch, 1234L);
        assertEquals(3, BatchCodec.count(batch));
        assertEquals(1234L, BatchCodec.timestamp(batch));
        BatchCodec.Cursor c = BatchCodec.open(batch, 100);
        StoredRecord first = c.next();
        assertEquals(100, first.offset());
        assertEquals(1234L, first.timestamp());
        assertArrayEquals("k".getBytes(), first.key());
        assertEquals(Map.of("a", "b"), first.headers());
        StoredRecord second = c.next();
        assertNull(second.key());
        assertEquals(0, second.value().length);
        assertEquals(102, c.nextOffset());
        assertEquals(4 + 4 + 5 + 4, c.nextSize());
        assertArrayEquals("third".getBytes(), c.next().value());
        assertFalse(c.hasNext());
    }

    @Test
    void everyFlippedBitAfterTheMagicIsCaught() throws Exception {
        byte[] batch = BatchCodec.encode(RECORDS);
        BatchCodec.seal(batch, 99L);
        BatchCodec.verify(batch);
        for (int i = 0; i < batch.length; i++) {
            byte[] bad = batch.clone();
            bad[i] ^= 0x01;
            assertThrows(BatchCodec.CorruptBatchException.class, () -> BatchCodec.verify(bad), "byte " + i);
        }
    }

    @Test
    void truncatedOrUnsealedBatchesAreCorrupt() {
        byte[] batch = BatchCodec.encode(RECORDS);
        assertThrows(BatchCodec.CorruptBatchException.class, () -> BatchCodec.verify(batch), "never sealed");
        BatchCodec.seal(batch, 1L);
        byte[] truncated = Arrays.copyOf(batch, batch.length - 3);
        var e = assertThrows(BatchCodec.CorruptBatchException.class, () -> BatchCodec.verify(truncated));
        assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
        assertThrows(BatchCodec.CorruptBatchException.class, () -> BatchCodec.verify(new byte[5]));
    }
}
