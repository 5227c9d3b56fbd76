package io.strand.storage.rocksdb;

import java.nio.charset.StandardCharsets;

/** The column families of a store; {@link Keys} gives each one's key layout. */
enum Cf {
    LOG("log"),
    TIMEINDEX("timeindex"),
    TOPICS("topics"),
    SUBSCRIPTIONS("subscriptions"),
    CURSORS("cursors"),
    PRODUCERS("producers"),
    META("meta");

    private final String rocksName;

    Cf(String rocksName) {
        this.rocksName = rocksName;
    }

    byte[] rocksName() {
        return rocksName.getBytes(StandardCharsets.US_ASCII);
    }
}
