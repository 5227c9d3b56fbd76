/**
 * Parking for readers that found nothing to read: long-poll fetches and idle push dispatchers wait
 * here for new data on any of their topics (or for a new topic) instead of polling the store.
 *
 * <p>{@link io.strand.broker.waiters.FetchWaiters} is fed by the store's
 * {@link io.strand.storage.LogListener} events (the request layer forwards them) and wakes the
 * {@link io.strand.broker.waiters.Waiter}s registered on the topic that changed. The protocol for a
 * reader is: register, read again, and only then wait — so data appended between the first read and
 * the registration is never missed. Every waiter is one-shot and is removed from the index when it
 * is woken, times out or is closed, so a quiet topic polled by repeated timing-out fetches holds no
 * memory.
 *
 * <p>Depends on storage's listener interface only; knows nothing of Thrift, subscriptions or sockets.
 */
package io.strand.broker.waiters;
