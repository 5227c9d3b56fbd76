package io.strand.storage.rocksdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Changes a closed store's directory with plain RocksDB, behind the store's back — the way a disk
 * error, a bug or a careless hand would — so tests can check what the store and the checker make of it.
 */
final class RawRocks {
    private RawRocks() {
    }

    /** What a test does to the raw database. */
    @FunctionalInterface
    interface Edit {
        void apply(RocksDB db, Handles handles) throws RocksDBException;
    }

    /** The column family handles of the raw database. */
    @FunctionalInterface
    interface Handles {
        ColumnFamilyHandle of(Cf cf);
    }

    static void edit(Path dir, Edit edit) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (Cf cf : Cf.values()) {
            descriptors.add(new ColumnFamilyDescriptor(cf.rocksName()));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            try {
                edit.apply(db, cf -> handles.get(cf.ordinal() + 1));
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    /** Flips one bit near the end of the batch stored at {@code baseOffset}, as a disk error would. */
    static void flipAByteOfBatch(Path dir, long topicId, long baseOffset) throws RocksDBException {
        edit(dir, (db, cf) -> {
            byte[] key = Keys.log(topicId, baseOffset);
            byte[] value = db.get(cf.of(Cf.LOG), key);
            value[value.length - 2] ^= 0x40;
            db.put(cf.of(Cf.LOG), key, value);
        });
    }
}
