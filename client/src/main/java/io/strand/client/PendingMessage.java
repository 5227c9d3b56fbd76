package io.strand.client;

import java.util.concurrent.CompletableFuture;

/**
 * One sent, not yet completed message inside the publisher.
 *
 * @param message    the message; its wire form is built by the sender thread, when the batch is sent, which
 *                   keeps that work off the application's thread (the W1 profile's busiest)
 * @param sizeBytes  what it holds of the byte budget
 * @param sentNanos  {@link System#nanoTime()} at {@code send}: linger and delivery timeout count from here
 * @param future     completed by a sender thread
 */
record PendingMessage(Message message, int sizeBytes, long sentNanos, CompletableFuture<PublishAck> future) {
}
