package io.strand.storage;

/** How durable an append is when its future completes. Ordered weakest first. */
public enum Durability {
    /** Written to the RocksDB WAL (in the OS page cache): survives a killed process, not a power cut. */
    WAL,
    /** The WAL was fsynced (once per group commit): survives a power cut. */
    FSYNC;

    /** Parses {@code wal} / {@code fsync} in any case. */
    public static Durability parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("durability must be 'wal' or 'fsync', not '" + text + "'");
        }
    }
}
