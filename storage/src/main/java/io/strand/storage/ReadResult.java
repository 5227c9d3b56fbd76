package io.strand.storage;

import java.util.List;

/**
 * @param records    in offset order, dense from the requested offset (or from the log start)
 * @param nextOffset the offset to read next: one past the last record returned, or the requested
 *                   offset when nothing was returned
 */
public record ReadResult(List<StoredRecord> records, long nextOffset) {
}
