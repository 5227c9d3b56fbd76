package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static io.strand.storage.rocksdb.TestStores.records;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.CursorStore;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorStoreTest {
    @TempDir
    Path dir;

    @Test
    void commitsMoveOnlyForwardAndSeekMovesAnywhere() {
        try (RocksLogStore store = TestStores.open(dir)) {
            append(store.getOrCreate("t"), records("a", 10));
            CursorStore cursors = store.cursors();
            cursors.putSubscription("s", new byte[] {1});
            assertEquals(OptionalLong.empty(), cursors.committed("s", "t"));
            assertTrue(cursors.commit("s", "t", 5));
            assertFalse(cursors.commit("s", "t", 3));
            assertFalse(cursors.commit("s", "t", 5));
            assertEquals(OptionalLong.of(5), cursors.committed("s", "t"));
            assertTrue(cursors.commit("s", "t", 10), "committing the end offset is allowed");
            cursors.seek("s", "t", 2);
            assertEquals(OptionalLong.of(2), cursors.committed("s", "t"));
            cursors.seek("s", "t", 0);
            assertEquals(Map.of("t", 0L), cursors.cursors("s"));
        }
    }

    @Test
    void aConditionalCommitLosesToASeekMadeWhileItsBatchWasInFlight() {
        try (RocksLogStore store = TestStores.open(dir)) {
            append(store.getOrCreate("t"), records("a", 10));
            CursorStore cursors = store.cursors();
            cursors.putSubscription("s", new byte[] {1});
            assertTrue(cursors.commitIfAt("s", "t", 0, 4), "no cursor yet: the delivery from 0 commits");
            assertTrue(cursors.commitIfAt("s", "t", 4, 7));
            cursors.seek("s", "t", 0); // an operator replays while the batch [7, 10) is being delivered
            assertFalse(cursors.commitIfAt("s", "t", 7, 10));
            assertEquals(OptionalLong.of(0), cursors.committed("s", "t"), "the seek must survive the late commit");
        }
    }

    @Test
    void unknownNamesAreTypedErrors() {
        try (RocksLogStore store = TestStores.open(dir)) {
            store.getOrCreate("t");
            CursorStore cursors = store.cursors();
            assertEquals(StorageError.UNKNOWN_SUBSCRIPTION, assertThrows(StorageException.class, () -> cursors.commit("nope", "t", 0)).error());
            assertEquals(StorageError.UNKNOWN_SUBSCRIPTION, assertThrows(StorageException.class, () -> cursors.seek("nope", "t", 0)).error());
            cursors.putSubscription("s", new byte[0]);
            assertEquals(StorageError.UNKNOWN_TOPIC, assertThrows(StorageException.class, () -> cursors.commit("s", "nope", 0)).error());
            assertEquals(StorageError.OFFSET_OUT_OF_RANGE, assertThrows(StorageException.class, () -> cursors.commit("s", "t", 1)).error());
            assertEquals(StorageError.INVALID_REQUEST, assertThrows(StorageException.class, () -> cursors.putSubscription("", new byte[0])).error());
        }
    }

    @Test
    void subscriptionsAndCursorsSurviveReopenAndDeleteRemovesThem() {
        try (RocksLogStore store = TestStores.open(dir)) {
            append(store.getOrCreate("t"), records("a", 10));
            append(store.getOrCreate("u"), records("a", 10));
            CursorStore cursors = store.cursors();
            cursors.putSubscription("s1", new byte[] {1, 2});
            cursors.putSubscription("s2", new byte[] {3});
            cursors.commit("s1", "t", 4);
            cursors.commit("s1", "u", 7);
            cursors.commit("s2", "t", 9);
            cursors.putSubscription("s1", new byte[] {9});
        }
        try (RocksLogStore store = TestStores.open(dir)) {
            CursorStore cursors = store.cursors();
            assertEquals(List.of("s1", "s2"), List.copyOf(cursors.subscriptions().keySet()));
            assertArrayEquals(new byte[] {9}, cursors.subscription("s1").orElseThrow(), "replacing the definition");
            assertEquals(Map.of("t", 4L, "u", 7L), cursors.cursors("s1"), "replacing the definition keeps cursors");
            assertEquals(OptionalLong.of(9), cursors.committed("s2", "t"));
            assertTrue(cursors.deleteSubscription("s1"));
            assertFalse(cursors.deleteSubscription("s1"));
            assertTrue(cursors.subscription("s1").isEmpty());
            store.deleteTopic("t");
            assertEquals(Map.of(), cursors.cursors("s2"), "a deleted topic's cursors go with it");
            cursors.putSubscription("s1", new byte[0]);
            assertEquals(Map.of(), cursors.cursors("s1"), "a recreated subscription starts without cursors");
        }
        try (RocksLogStore store = TestStores.open(dir)) {
            assertEquals(Map.of(), store.cursors().cursors("s1"));
            assertEquals(Map.of(), store.cursors().cursors("s2"));
            append(store.getOrCreate("t"), records("a", 1));
            assertEquals(OptionalLong.empty(), store.cursors().committed("s2", "t"), "a recreated topic has no old cursors");
        }
    }
}
