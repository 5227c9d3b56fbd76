package io.strand.broker.config;

import io.strand.storage.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One broker setting, declared once: its dotted lowercase name (with a unit suffix for durations and
 * sizes), its type, default, the values it accepts and the line of documentation the configuration
 * table shows. Instances live in {@link ConfigKeys}; they are immutable.
 *
 * @param <T> the parsed type: {@link Duration} for {@code *.ms}, {@code Long} for {@code *.bytes}
 */
public final class ConfigKey<T> {
    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final Predicate<T> valid;
    private final String allowed;
    private final String doc;

    private ConfigKey(String name, ValueType<T> type, T defaultValue, Predicate<T> valid, String allowed, String doc) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.valid = Objects.requireNonNull(valid);
        this.allowed = Objects.requireNonNull(allowed);
        this.doc = Objects.requireNonNull(doc);
        if (!valid.test(defaultValue)) {
            throw new IllegalStateException("default of " + name + " is not " + allowed);
        }
    }

    static ConfigKey<Integer> ofInt(String name, int defaultValue, int min, int max, String doc) {
        return new ConfigKey<>(name, ValueType.INT, defaultValue, v -> v >= min && v <= max,
                "integer from " + min + " to " + max, doc);
    }

    static ConfigKey<Long> ofBytes(String name, long defaultValue, long min, long max, String doc) {
        requireSuffix(name, ".bytes");
        return new ConfigKey<>(name, ValueType.BYTES, defaultValue, v -> v >= min && v <= max,
                "bytes from " + ValueType.BYTES.format(min) + " to " + ValueType.BYTES.format(max), doc);
    }

    static ConfigKey<Duration> ofMillis(String name, long defaultMs, long minMs, long maxMs, String doc) {
        requireSuffix(name, ".ms");
        return new ConfigKey<>(name, ValueType.MILLIS, Duration.ofMillis(defaultMs),
                v -> v.toMillis() >= minMs && v.toMillis() <= maxMs,
                "milliseconds from " + minMs + " to " + maxMs, doc);
    }

    static ConfigKey<Boolean> ofBoolean(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, ValueType.BOOLEAN, defaultValue, v -> true, ValueType.BOOLEAN.describe(), doc);
    }

    static ConfigKey<Path> ofPath(String name, Path defaultValue, String doc) {
        return new ConfigKey<>(name, ValueType.PATH, defaultValue, v -> true, "a directory path", doc);
    }

    static ConfigKey<String> ofHost(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, ValueType.HOST, defaultValue, v -> true, ValueType.HOST.describe(), doc);
    }

    static ConfigKey<Durability> ofDurability(String name, Durability defaultValue, String doc) {
        return new ConfigKey<>(name, ValueType.DURABILITY, defaultValue, v -> true, ValueType.DURABILITY.describe(), doc);
    }

    private static void requireSuffix(String name, String suffix) {
        if (!name.endsWith(suffix)) {
            throw new IllegalStateException(name + " must end in " + suffix + " to say its unit");
        }
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** What values are accepted, in words ("integer from 0 to 65535"). */
    public String allowed() {
        return allowed;
    }

    public String doc() {
        return doc;
    }

    /** Parses and validates {@code text} (surrounding blanks ignored). */
    public T parse(String text) {
        String trimmed = text.trim();
        T value;
        try {
            value = type.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw invalid(trimmed, e.getMessage() + " (allowed: " + allowed + ")");
        }
        if (!valid.test(value)) {
            throw invalid(trimmed, "allowed: " + allowed);
        }
        return value;
    }

    public String format(T value) {
        return type.format(value);
    }

    /** Formats a value known to be of this key's type (as stored in {@link BrokerConfig}). */
    String formatObject(Object value) {
        @SuppressWarnings("unchecked") T typed = (T) value;
        return type.format(typed);
    }

    private ConfigException invalid(String text, String why) {
        return new ConfigException(name, "invalid value '" + text + "' for " + name + ": " + why);
    }

    @Override
    public String toString() {
        return name;
    }
}
