package io.strand.broker.config;

import java.util.Optional;

/**
 * A setting is unknown, malformed, out of range or inconsistent with another one. The message names
 * the key, the value given and what is allowed, so it can be shown to the user as it is.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ConfigException(String message) {
        super(message);
        this.key = null;
    }

    /** The key at fault, when one key is. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
