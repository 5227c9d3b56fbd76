package io.strand.storage;

import java.util.regex.Pattern;

/** The rule for topic names, checked once here for every entry point. */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]+");

    private TopicNames() {
    }

    /** Returns {@code name} if legal, else throws INVALID_TOPIC_NAME saying what is allowed. */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new StorageException(StorageError.INVALID_TOPIC_NAME, "topic name is empty; use 1-" + MAX_LENGTH
                    + " characters of [A-Za-z0-9._-]");
        }
        if (name.length() > MAX_LENGTH) {
            throw new StorageException(StorageError.INVALID_TOPIC_NAME, "topic name is " + name.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        if (!LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new StorageException(StorageError.INVALID_TOPIC_NAME, "topic name '" + name
                    + "' has illegal characters; use only letters, digits, '.', '_' and '-'");
        }
        return name;
    }
}
