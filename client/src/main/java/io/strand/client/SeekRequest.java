package io.strand.client;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A seek asked by the application, carried out by the subscriber's thread. Empty topic = every topic. */
record SeekRequest(Optional<String> topic, StartPosition position, CompletableFuture<Void> done) {
}
