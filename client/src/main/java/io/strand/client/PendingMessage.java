package io.strand.client;

import java.util.concurrent.CompletableFuture;

/**
 * One sent, not yet completed message inside the publisher.
 *
 * @param wire       its wire form (built once, in {@code send})
 * @param sizeBytes  what it holds of the byte budget
 * @param sentNanos  {@link System#nanoTime()} at {@code send}: linger and delivery timeout count from here
 * @param future     completed by a sender thread
 */
record PendingMessage(io.strand.api.Message wire, int sizeBytes, long sentNanos, CompletableFuture<PublishAck> future) {
}
