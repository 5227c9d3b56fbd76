package io.strand.client;

/** How durable an acknowledged message is (the broker's or the topic's setting). */
public enum Durability {
    /** In the broker's write-ahead log in the OS page cache: survives a killed broker, not a power cut. */
    WAL,
    /** The write-ahead log was fsynced before the acknowledgement: survives a power cut. */
    FSYNC
}
