package io.strand.client.cli;

import io.strand.client.StartPosition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a position argument: {@code earliest}, {@code latest}, {@code offset:N} (or just {@code N}),
 * {@code time:ISO-8601} (e.g. {@code time:2026-01-31T12:00:00Z} or with an offset {@code +01:00}).
 */
final class PositionConverter implements ITypeConverter<StartPosition> {

    static final String FORMS = "earliest, latest, offset:N (or N), time:ISO-8601";

    @Override
    public StartPosition convert(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("earliest")) {
            return StartPosition.earliest();
        }
        if (v.equalsIgnoreCase("latest")) {
            return StartPosition.latest();
        }
        if (v.startsWith("offset:")) {
            return offset(v.substring("offset:".length()), value);
        }
        if (v.startsWith("time:")) {
            return StartPosition.time(time(v.substring("time:".length()), value));
        }
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return offset(v, value);
        }
        throw new TypeConversionException("'" + value + "' is not a position; use " + FORMS);
    }

    private static StartPosition offset(String digits, String value) {
        try {
            long offset = Long.parseLong(digits);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return StartPosition.offset(offset);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "': the offset must be a number >= 0");
        }
    }

    private static Instant time(String text, String value) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "': the time must be ISO-8601, e.g. 2026-01-31T12:00:00Z");
            }
        }
    }
}
