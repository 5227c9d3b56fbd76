package io.strand.storage.rocksdb;

import com.codahale.metrics.MetricRegistry;
import io.strand.storage.AppendResult;
import io.strand.storage.Durability;
import io.strand.storage.LogStore;
import io.strand.storage.Record;
import io.strand.storage.StorageConfig;
import io.strand.storage.TopicLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The victim process of {@link CrashRecoveryIT}: opens the store and appends to topic {@code crash} as
 * fast as it can (16 batches in flight, so the writer forms groups), printing one line per
 * acknowledged batch — {@code ack <baseOffset> <count> <firstSequence>} — in offset order. Record i of a
 * batch has the payload {@code <prefix>-<firstSequence + i>}. It never stops on its own: the test kills it.
 *
 * <p>Arguments: data directory, durability (wal|fsync), payload prefix.
 */
public final class CrashAppender {
    private CrashAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Durability durability = Durability.parse(args[1]);
        String prefix = args[2];
        StorageConfig config = StorageConfig.builder(dir).defaultDurability(durability).writeBufferBytes(4L << 20).build();
        LogStore store = LogStore.open(config, new MetricRegistry());
        TopicLog log = store.getOrCreate("crash");
        System.out.println("ready " + log.endOffset());
        ArrayDeque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
        ArrayDeque<Long> firstSequences = new ArrayDeque<>();
        long sequence = 0;
        for (int batchNo = 0; ; batchNo++) {
            int count = 1 + (batchNo * 7) % 40;
            List<Record> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(Record.of((prefix + "-" + (sequence + i)).getBytes(StandardCharsets.UTF_8)));
            }
            inFlight.add(log.append(batch));
            firstSequences.add(sequence);
            sequence += count;
            if (inFlight.size() >= 16) {
                AppendResult r = inFlight.remove().join();
                System.out.println("ack " + r.baseOffset() + " " + r.count() + " " + firstSequences.remove());
            }
        }
    }
}
