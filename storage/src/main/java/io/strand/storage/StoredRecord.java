package io.strand.storage;

import java.util.Map;

/**
 * A record as read back from a log: what was appended plus the offset and append timestamp the store
 * gave it. Arrays are owned by this value; readers must not modify them.
 */
public record StoredRecord(long offset, long timestamp, byte[] key, byte[] value, Map<String, String> headers) {
}
