package io.strand.storage.rocksdb;

import io.strand.storage.StoredRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the records of one read from consecutive batches: from offset {@code from}, stopping at the
 * published end, at {@code maxRecords}, or before a record that would take the bytes past
 * {@code maxBytes} — bytes counted as each record's encoded size in its batch — except that the first
 * record is always taken whole. Not thread-safe; one per read.
 */
final class BatchScan {
    private final long end;
    private final int maxRecords;
    private final long maxBytes;
    private final List<StoredRecord> records;
    private long next;
    private long bytes;
    private boolean bytesFull;

    BatchScan(long from, long end, int maxRecords, long maxBytes) {
        this.next = from;
        this.end = end;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.records = new ArrayList<>((int) Math.min(maxRecords, Math.min(end - from, 1024)));
    }

    boolean full() {
        return bytesFull || records.size() >= maxRecords || next >= end;
    }

    /** Takes what it needs of the batch; false when the batch does not hold the next offset. */
    boolean add(BatchCodec.Cursor batch) throws BatchCodec.CorruptBatchException {
        while (batch.hasNext() && batch.nextOffset() < next) {
            batch.skip();
        }
        if (!batch.hasNext() || batch.nextOffset() != next) {
            return false;
        }
        while (batch.hasNext() && !full()) {
            int size = batch.nextSize();
            if (!records.isEmpty() && bytes + size > maxBytes) {
                bytesFull = true;
                return true;
            }
            records.add(batch.next());
            bytes += size;
            next++;
        }
        return true;
    }

    long next() {
        return next;
    }

    List<StoredRecord> records() {
        return records;
    }
}
