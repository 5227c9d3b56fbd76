package io.strand.storage.rocksdb;

import static io.strand.storage.rocksdb.TestStores.append;
import static io.strand.storage.rocksdb.TestStores.records;
import static io.strand.storage.rocksdb.TestStores.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.storage.Record;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.TopicConfig;
import io.strand.storage.TopicLog;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request is a typed StorageException and leaves the store exactly as it was. */
class BadInputTest {
    @TempDir
    Path dir;
    private RocksLogStore store;
    private TopicLog log;

    @BeforeEach
    void open() {
        store = TestStores.open(TestStores.config(dir).maxRecordBytes(1000).maxBatchBytes(5000).build());
        log = store.getOrCreate("t");
        append(log, records("a", 3));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Stream<Arguments> badTopicNames() {
        return Stream.of(Arguments.of(""), Arguments.of("has space"), Arguments.of("slash/no"), Arguments.of(".."),
                Arguments.of("ü"), Arguments.of("x".repeat(250)));
    }

    @ParameterizedTest
    @MethodSource("badTopicNames")
    void illegalTopicNamesAreRejected(String name) {
        StorageException e = assertThrows(StorageException.class, () -> store.createTopic(name, TopicConfig.DEFAULTS));
        assertEquals(StorageError.INVALID_TOPIC_NAME, e.error());
        assertEquals(StorageError.INVALID_TOPIC_NAME, assertThrows(StorageException.class, () -> store.getOrCreate(name)).error());
        assertEquals(List.of("t"), store.topics().stream().map(i -> i.name()).toList());
    }

    @Test
    void longestLegalNameIsAccepted() {
        assertEquals(249, store.createTopic("x".repeat(249), TopicConfig.DEFAULTS).name().length());
    }

    static Stream<Arguments> badAppends() {
        Supplier<List<Record>> empty = Collections::emptyList;
        Supplier<List<Record>> bigRecord = () -> List.of(Record.of(new byte[990]));
        Supplier<List<Record>> bigBatch = () -> Collections.nCopies(6, Record.of(new byte[900]));
        return Stream.of(Arguments.of("empty batch", empty, StorageError.INVALID_REQUEST),
                Arguments.of("oversized record", bigRecord, StorageError.RECORD_TOO_LARGE),
                Arguments.of("oversized batch", bigBatch, StorageError.BATCH_TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAppends")
    void badAppendsFailTypedAndChangeNothing(String what, Supplier<List<Record>> batch, StorageError expected) {
        StorageException e = assertThrows(StorageException.class, () -> append(log, batch.get()));
        assertEquals(expected, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains("limit") || expected == StorageError.INVALID_REQUEST, e.getMessage());
        assertUnchanged();
    }

    @Test
    void badOffsetsFailTypedAndChangeNothing() {
        assertEquals(StorageError.OFFSET_OUT_OF_RANGE, assertThrows(StorageException.class, () -> log.read(-5, 1, 1)).error());
        assertEquals(StorageError.OFFSET_OUT_OF_RANGE, assertThrows(StorageException.class, () -> log.read(4, 1, 1)).error());
        assertEquals(StorageError.INVALID_REQUEST, assertThrows(StorageException.class, () -> log.read(0, 1, -1)).error());
        store.cursors().putSubscription("s", new byte[0]);
        assertEquals(StorageError.OFFSET_OUT_OF_RANGE,
                assertThrows(StorageException.class, () -> store.cursors().commit("s", "t", -1)).error());
        assertEquals(StorageError.OFFSET_OUT_OF_RANGE,
                assertThrows(StorageException.class, () -> store.cursors().seek("s", "t", 4)).error());
        assertEquals(StorageError.UNKNOWN_TOPIC, assertThrows(StorageException.class, () -> store.log("nope")).error());
        assertTrue(store.cursors().cursors("s").isEmpty());
        assertUnchanged();
    }

    private void assertUnchanged() {
        assertEquals(3, log.endOffset());
        assertEquals(List.of("a0", "a1", "a2"), texts(log.read(0, 10, Long.MAX_VALUE).records()));
        assertEquals(3, append(log, records("b", 1)).baseOffset(), "the next append gets the next dense offset");
    }
}
