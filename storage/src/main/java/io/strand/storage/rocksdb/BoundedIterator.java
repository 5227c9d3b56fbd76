package io.strand.storage.rocksdb;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator confined to the keys {@code [lower, upper)} of one column family, with the native
 * objects that confinement needs, closed together.
 *
 * <p>Why: without bounds a seek positions a child iterator in every memtable, L0 file and level —
 * including files holding only other topics — and a floor seek ({@code seekForPrev}) in each of them
 * reads blocks backwards. A tailing fetch of a small topic in a store holding gigabytes of other topics
 * was measured spending most of its time there. With bounds RocksDB skips files outside the range
 * and stops at the bound instead of reading into the next topic.
 */
final class BoundedIterator implements AutoCloseable {
    private final Slice lower;
    private final Slice upper;
    private final ReadOptions options;
    private final RocksIterator iterator;

    BoundedIterator(StoreDb.IteratorFactory factory, byte[] lowerKey, byte[] upperKey) {
        Slice lowerSlice = null;
        Slice upperSlice = null;
        ReadOptions readOptions = null;
        try {
            lowerSlice = new Slice(lowerKey);
            upperSlice = new Slice(upperKey);
            readOptions = new ReadOptions().setIterateLowerBound(lowerSlice).setIterateUpperBound(upperSlice);
            this.iterator = factory.open(readOptions);
        } catch (RuntimeException | Error e) {
            // the caller never gets this object to close: release what was made
            closeQuietly(readOptions);
            closeQuietly(upperSlice);
            closeQuietly(lowerSlice);
            throw e;
        }
        this.lower = lowerSlice;
        this.upper = upperSlice;
        this.options = readOptions;
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one to report
        }
    }

    RocksIterator iterator() {
        return iterator;
    }

    @Override
    public void close() {
        iterator.close();
        options.close();
        upper.close();
        lower.close();
    }
}
