package io.strand.benchmarks.jmh;

import com.codahale.metrics.MetricRegistry;
import io.strand.storage.Durability;
import io.strand.storage.LogStore;
import io.strand.storage.Record;
import io.strand.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** A {@link LogStore} in a fresh temporary directory, deleted on close. */
final class TempStore implements AutoCloseable {
    final Path dir;
    final LogStore store;

    TempStore(String name, Durability durability) throws IOException {
        this.dir = Files.createTempDirectory("strand-jmh-" + name + "-");
        this.store = LogStore.open(StorageConfig.builder(dir).defaultDurability(durability).build(), new MetricRegistry());
    }

    /** {@code count} records of {@code size} random (incompressible) bytes; never modified afterwards. */
    static List<Record> records(int count, int size) {
        Random random = new Random(7);
        List<Record> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            records.add(Record.of(value));
        }
        return List.copyOf(records);
    }

    @Override
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
