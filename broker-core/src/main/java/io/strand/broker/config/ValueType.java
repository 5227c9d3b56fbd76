package io.strand.broker.config;

import io.strand.storage.Durability;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one kind of setting is written in a properties file or on the command line, and how it is
 * shown in the configuration table. {@link #parse} throws {@link IllegalArgumentException} with a
 * message saying what is allowed; {@link ConfigKey} adds the key and the offending value.
 */
interface ValueType<T> {

    T parse(String text);

    String format(T value);

    /** What a user may write, for the docs table and error messages ("an integer", "wal or fsync"). */
    String describe();

    ValueType<Integer> INT = new ValueType<>() {
        @Override
        public Integer parse(String text) {
            try {
                return Integer.parseInt(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer");
            }
        }

        @Override
        public String format(Integer value) {
            return value.toString();
        }

        @Override
        public String describe() {
            return "integer";
        }
    };

    ValueType<Boolean> BOOLEAN = new ValueType<>() {
        @Override
        public Boolean parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true": return true;
                case "false": return false;
                default: throw new IllegalArgumentException("expected true or false");
            }
        }

        @Override
        public String format(Boolean value) {
            return value.toString();
        }

        @Override
        public String describe() {
            return "true or false";
        }
    };

    /** Keys ending in {@code .ms}: a whole number of milliseconds. */
    ValueType<Duration> MILLIS = new ValueType<>() {
        @Override
        public Duration parse(String text) {
            try {
                return Duration.ofMillis(Long.parseLong(text.replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number of milliseconds");
            }
        }

        @Override
        public String format(Duration value) {
            return Long.toString(value.toMillis());
        }

        @Override
        public String describe() {
            return "milliseconds";
        }
    };

    /** Keys ending in {@code .bytes}: a byte count, optionally with a binary suffix (KiB, MiB, GiB). */
    ValueType<Long> BYTES = new ValueType<>() {
        private final Pattern syntax = Pattern.compile("(\\d[\\d_]*)\\s*(|b|k|kib|m|mib|g|gib)",
                Pattern.CASE_INSENSITIVE);

        @Override
        public Long parse(String text) {
            Matcher m = syntax.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a byte count such as 1048576, 512KiB, 64MiB or 1GiB");
            }
            long shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k", "kib" -> 10;
                case "m", "mib" -> 20;
                case "g", "gib" -> 30;
                default -> 0;
            };
            try {
                long number = Long.parseLong(m.group(1).replace("_", ""));
                if (number > (Long.MAX_VALUE >> shift)) {
                    throw new NumberFormatException();
                }
                return number << shift;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("byte count is too large");
            }
        }

        @Override
        public String format(Long value) {
            if (value != 0 && value % (1L << 30) == 0) {
                return value / (1L << 30) + " GiB";
            } else if (value != 0 && value % (1L << 20) == 0) {
                return value / (1L << 20) + " MiB";
            } else if (value != 0 && value % (1L << 10) == 0) {
                return value / (1L << 10) + " KiB";
            }
            return value.toString();
        }

        @Override
        public String describe() {
            return "bytes (KiB, MiB, GiB suffixes allowed)";
        }
    };

    ValueType<Path> PATH = new ValueType<>() {
        @Override
        public Path parse(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("expected a directory path");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path: " + e.getReason());
            }
        }

        @Override
        public String format(Path value) {
            return value.toString();
        }

        @Override
        public String describe() {
            return "path";
        }
    };

    /**
     * A host name or IP literal. Only the syntax is checked here; whether it resolves and can be bound
     * is found out when the broker binds it (and reported there).
     */
    ValueType<String> HOST = new ValueType<>() {
        private final Pattern syntax = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");

        @Override
        public String parse(String text) {
            if (!syntax.matcher(text).matches()) {
                throw new IllegalArgumentException("expected a host name or IP address such as 127.0.0.1 or 0.0.0.0");
            }
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }

        @Override
        public String describe() {
            return "host or IP address";
        }
    };

    ValueType<Durability> DURABILITY = new ValueType<>() {
        @Override
        public Durability parse(String text) {
            try {
                return Durability.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected wal or fsync");
            }
        }

        @Override
        public String format(Durability value) {
            return value.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String describe() {
            return "`wal` or `fsync`";
        }
    };
}
