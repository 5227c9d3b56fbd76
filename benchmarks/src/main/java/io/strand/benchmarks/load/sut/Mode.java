package io.strand.benchmarks.load.sut;

import java.util.Objects;

/**
 * A durability setting a system runs a workload in.
 *
 * @param name        short token printed as {@code mode=...} in result lines (no spaces, no '=')
 * @param fsync       how often acknowledged data is fsynced, as a token: {@code per-ack}, {@code every-1s},
 *                    {@code none} (page cache only)
 * @param description what the setting is, for the result table (e.g. "acks=all, page cache, no fsync")
 */
public record Mode(String name, String fsync, String description) {
    public Mode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(description, "description");
        if (name.isEmpty() || name.contains(" ") || name.contains("=") || fsync.contains(" ")) {
            throw new IllegalArgumentException("mode name and fsync must be tokens without spaces or '=': " + name);
        }
    }
}
