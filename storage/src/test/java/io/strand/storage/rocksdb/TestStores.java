package io.strand.storage.rocksdb;

import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.Record;
import io.strand.storage.StorageConfig;
import io.strand.storage.StorageException;
import io.strand.storage.StoredRecord;
import io.strand.storage.TopicLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared fixtures for the storage tests: configs, records, and waiting on futures with a bound. */
final class TestStores {
    private TestStores() {
    }

    static StorageConfig.Builder config(Path dir) {
        return StorageConfig.builder(dir).defaultDurability(Durability.WAL).writeBufferBytes(4L << 20)
                .retentionCheckInterval(Duration.ofHours(1)).appendQueueWait(Duration.ofSeconds(10));
    }

    static RocksLogStore open(Path dir) {
        return open(config(dir).build());
    }

    static RocksLogStore open(StorageConfig config) {
        return RocksLogStore.openStore(config, new com.codahale.metrics.MetricRegistry());
    }

    static Record record(String value) {
        return Record.of(value.getBytes(StandardCharsets.UTF_8));
    }

    static List<Record> records(String prefix, int n) {
        List<Record> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(record(prefix + i));
        }
        return out;
    }

    static String text(StoredRecord r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    static List<String> texts(List<StoredRecord> records) {
        return records.stream().map(TestStores::text).toList();
    }

    static AppendResult append(TopicLog log, List<Record> records) {
        return await(log.append(records));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException se) {
                throw se;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("append did not complete", e);
        }
    }

    /** Every record of the log, read in pages. */
    static List<StoredRecord> readAll(TopicLog log) {
        List<StoredRecord> out = new ArrayList<>();
        long offset = log.startOffset();
        while (offset < log.endOffset()) {
            var r = log.read(offset, 1000, Long.MAX_VALUE);
            out.addAll(r.records());
            offset = r.nextOffset();
        }
        return out;
    }

    static Record withKeyAndHeaders(String key, String value, Map<String, String> headers) {
        return new Record(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void set(long millis) {
            this.millis = millis;
        }

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
