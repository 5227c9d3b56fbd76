package io.strand.storage.rocksdb;

/**
 * Value of a {@code timeindex} entry: {@code recordCount:4 ‖ batchBytes:4}. With the key's timestamp and
 * base offset it is all retention needs, so retention never reads the (large) batches it deletes.
 */
final class TimeIndexEntry {
    private TimeIndexEntry() {
    }

    static byte[] encode(int count, int batchBytes) {
        byte[] v = new byte[8];
        Keys.putInt(v, 0, count);
        Keys.putInt(v, 4, batchBytes);
        return v;
    }

    static int count(byte[] value) {
        return Keys.getInt(value, 0);
    }

    static int batchBytes(byte[] value) {
        return Keys.getInt(value, 4);
    }
}
