package io.strand.storage.rocksdb;

/**
 * A topic as the offline check found it in the {@code topics} family: its id, its name ({@code "topic id
 * N"} when the metadata cannot be decoded) and its persisted start offset and size (0 when its state
 * entry is missing — as open assumes).
 */
record CheckedTopic(long id, String name, long start, long sizeBytes) {
}
