package io.strand.client;

/**
 * Marks a {@link StrandClientException} whose request may succeed if sent again later (the broker was
 * unreachable, restarting, overloaded or read-only). A retry decision is a type check:
 * {@code if (e instanceof Retriable) ...}. The publisher and subscriber already retry these by
 * themselves; callers see them only from {@link Admin} or after a delivery timeout.
 */
public interface Retriable {
}
