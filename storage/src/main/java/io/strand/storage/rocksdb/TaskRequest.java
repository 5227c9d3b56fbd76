package io.strand.storage.rocksdb;

import io.strand.storage.Durability;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.rocksdb.RocksDBException;

/** A {@link WriterTask} in the writer's queue, with the future its caller waits on. */
final class TaskRequest<T> extends WriteRequest {
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final WriterTask<T> task;
    private final Durability durability;
    private Supplier<T> publish;

    TaskRequest(WriterTask<T> task, Durability durability) {
        this.task = task;
        this.durability = durability;
    }

    @Override
    long queuedBytes() {
        return 0;
    }

    @Override
    int queuedRecords() {
        return 0;
    }

    @Override
    Durability durability() {
        return durability;
    }

    @Override
    void stage(GroupCommit group) throws RocksDBException {
        publish = task.stage(group);
    }

    @Override
    void complete(GroupCommit group) {
        future.complete(publish.get());
    }

    @Override
    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }
}
