package io.strand.storage.rocksdb;

/**
 * What readers may see of one topic, published by the writer after each commit as one immutable value
 * (so start, end and size are always mutually consistent).
 *
 * @param start     first offset still stored
 * @param end       offset the next record will get; nothing at or beyond it is visible
 * @param sizeBytes bytes of stored batch values
 */
record LogBounds(long start, long end, long sizeBytes) {
    static final LogBounds EMPTY = new LogBounds(0, 0, 0);
}
