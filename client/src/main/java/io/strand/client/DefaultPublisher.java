package io.strand.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Publisher} implementation: {@code send} reserves buffer bytes and queues the message in the
 * {@link BatchAccumulator}; {@code connections} sender threads each loop take-batch → {@link BatchSender}
 * → release bytes. See {@link Publisher} for the contract.
 */
final class DefaultPublisher implements Publisher {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final PublisherOptions options;
    private final ByteBudget budget;
    private final BatchAccumulator accumulator;
    /** Written only in the constructor, then read-only. */
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean closed;
    private boolean closeDone;

    DefaultPublisher(PublisherOptions options) {
        this.options = options;
        this.budget = new ByteBudget(options.bufferMemoryBytes());
        this.accumulator = new BatchAccumulator(options.batchMaxBytes(), options.batchMaxMessages(),
                options.linger().toNanos(), budget);
        Connector connector = new Connector(options.client());
        SharedProducerId producerId = new SharedProducerId();
        Backoff backoff = new Backoff(options.retryBackoff(), options.retryBackoffMax());
        int id = IDS.incrementAndGet();
        for (int i = 0; i < options.connections(); i++) {
            BatchSender sender = new BatchSender(connector, producerId, options.idempotent(),
                    options.deliveryTimeout(), backoff);
            Thread t = new Thread(() -> runSender(sender), "strand-publisher-" + id + "-sender-" + i);
            t.setDaemon(true);
            senders.add(t);
        }
        senders.forEach(Thread::start);
    }

    private void runSender(BatchSender sender) {
        try (sender) {
            Batch batch;
            while ((batch = accumulator.take()) != null) {
                try {
                    sender.send(batch);
                } catch (InterruptedException e) {
                    batch.fail(new ClientClosedException("the publisher was closed before the batch was acknowledged"));
                    return;
                } catch (RuntimeException | Error e) {
                    if (!batch.isFinished()) {
                        batch.fail(new StrandClientException(ErrorCode.INTERNAL, "publisher failed: " + e, e));
                    }
                }
            }
        } catch (InterruptedException e) {
            // aborted close: nothing in hand
        }
    }

    @Override
    public CompletableFuture<PublishAck> send(Message message) {
        if (closed) {
            throw new ClientClosedException("the publisher is closed");
        }
        int size = message.sizeBytes();
        if (size > options.messageMaxBytes() || size > budget.capacity()) {
            throw new MessageTooLargeException(ErrorCode.MESSAGE_TOO_LARGE, "a message of " + size
                    + " bytes exceeds message.max.bytes=" + options.messageMaxBytes() + " or buffer.memory.bytes="
                    + budget.capacity());
        }
        try {
            if (!budget.acquire(size, options.maxBlock())) {
                throw new BufferFullException("the publisher's buffer (" + budget.capacity() + " bytes) stayed full for "
                        + options.maxBlock().toMillis() + " ms (max.block.ms): the broker is slower than the senders, "
                        + "or unreachable");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BufferFullException("interrupted while waiting for buffer space", e);
        }
        CompletableFuture<PublishAck> future = new CompletableFuture<>();
        try {
            accumulator.append(message.topic(), new PendingMessage(message, size, System.nanoTime(), future));
        } catch (RuntimeException e) {
            budget.release(size);
            throw e;
        }
        return future;
    }

    @Override
    public PublishAck sendAndWait(Message message) throws InterruptedException {
        CompletableFuture<PublishAck> future = send(message);
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StrandClientException sce) {
                throw sce;
            }
            throw new StrandClientException(ErrorCode.INTERNAL, String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public void flush() throws InterruptedException {
        refuseOnSenderThread("flush");
        List<CompletableFuture<PublishAck>> pending = accumulator.beginFlush();
        try {
            for (CompletableFuture<PublishAck> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException failedMessage) {
                    // reported through the message's own future
                }
            }
        } finally {
            accumulator.endFlush();
        }
    }

    @Override
    public synchronized void close() {
        if (closeDone) {
            return;
        }
        refuseOnSenderThread("close");
        closed = true;
        accumulator.close();
        try {
            for (Thread t : senders) {
                t.join();
            }
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
        }
        closeDone = true;
    }

    /** Fails everything still queued and stops the sender threads without waiting for acks. */
    private void abort() {
        ClientClosedException closedException = new ClientClosedException("the publisher was closed before sending");
        for (PendingMessage m : accumulator.drainQueued()) {
            m.future().completeExceptionally(closedException);
            budget.release(m.sizeBytes());
        }
        senders.forEach(Thread::interrupt);
    }

    private void refuseOnSenderThread(String what) {
        if (senders.contains(Thread.currentThread())) {
            throw new IllegalStateException(what + "() called from a publisher callback would wait for itself");
        }
    }

    /** For tests: bytes currently held in the buffer. */
    long bufferedBytes() {
        return budget.used();
    }
}
