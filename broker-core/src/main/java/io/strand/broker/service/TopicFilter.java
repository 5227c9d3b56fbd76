package io.strand.broker.service;

import io.strand.api.ErrorCode;
import io.strand.storage.StorageException;
import io.strand.storage.TopicNames;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which topics a subscription covers, parsed once from {@code Subscriber.topic}. Immutable.
 *
 * <ul>
 *   <li>absent or empty: every topic, present and future, except internal ones (names starting with
 *       {@code __}, such as dead-letter topics);</li>
 *   <li>a name without {@code *} or {@code >}: exactly that topic (it need not exist yet); internal
 *       topics can be subscribed to by name;</li>
 *   <li>a pattern: dot-separated segments, each a literal of {@code [A-Za-z0-9_-]+}, or {@code *}
 *       (exactly one segment, whatever it holds), or {@code >} as the last segment (one or more
 *       remaining segments). {@code orders.*} matches {@code orders.eu} but not {@code orders.eu.x};
 *       {@code orders.>} matches both. A wildcard never matches inside a segment ({@code ord*} is
 *       invalid), and a pattern whose first segment is a wildcard does not match internal topics.
 *       Anything else is INVALID_TOPIC_PATTERN.</li>
 * </ul>
 */
final class TopicFilter {
    private static final Pattern LITERAL_SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    static final String INTERNAL_PREFIX = "__";

    private final Kind kind;
    private final String text;
    private final List<String> segments;

    private enum Kind { ALL, NAME, PATTERN }

    private TopicFilter(Kind kind, String text, List<String> segments) {
        this.kind = kind;
        this.text = text;
        this.segments = segments;
    }

    /** Parses {@code Subscriber.topic}; empty = every topic. */
    static TopicFilter parse(Optional<String> topic) {
        if (topic.isEmpty() || topic.get().isEmpty()) {
            return new TopicFilter(Kind.ALL, "", List.of());
        }
        String text = topic.get();
        if (text.indexOf('*') < 0 && text.indexOf('>') < 0) {
            try {
                TopicNames.validate(text);
            } catch (StorageException e) {
                throw RequestException.of(ErrorCode.INVALID_TOPIC_PATTERN, "subscription topic: " + e.getMessage());
            }
            return new TopicFilter(Kind.NAME, text, List.of());
        }
        if (text.length() > TopicNames.MAX_LENGTH) {
            throw invalid(text, "it is longer than " + TopicNames.MAX_LENGTH + " characters");
        }
        List<String> segments = List.of(text.split("\\.", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment.equals(">") && !last) {
                throw invalid(text, "'>' may only be the last segment");
            }
            if (!segment.equals("*") && !segment.equals(">") && !LITERAL_SEGMENT.matcher(segment).matches()) {
                throw invalid(text, "segment " + (i + 1) + " ('" + segment + "') must be '*', '>' (last only) or "
                        + "one or more of [A-Za-z0-9_-]");
            }
        }
        return new TopicFilter(Kind.PATTERN, text, segments);
    }

    boolean matches(String topic) {
        return switch (kind) {
            case ALL -> !topic.startsWith(INTERNAL_PREFIX);
            case NAME -> text.equals(topic);
            case PATTERN -> matchesPattern(topic);
        };
    }

    /** The single topic this filter names, if it is a plain name. */
    Optional<String> singleTopic() {
        return kind == Kind.NAME ? Optional.of(text) : Optional.empty();
    }

    /** Whether topics created later can match (false only for a plain name). */
    boolean open() {
        return kind != Kind.NAME;
    }

    String describe() {
        return kind == Kind.ALL ? "every topic" : "'" + text + "'";
    }

    private boolean matchesPattern(String topic) {
        String first = segments.get(0);
        if ((first.equals("*") || first.equals(">")) && topic.startsWith(INTERNAL_PREFIX)) {
            return false;
        }
        String[] parts = topic.split("\\.", -1);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals(">")) {
                return parts.length > i;
            }
            if (i >= parts.length || !(segment.equals("*") || segment.equals(parts[i]))) {
                return false;
            }
        }
        return parts.length == segments.size();
    }

    private static RequestException invalid(String pattern, String why) {
        return RequestException.of(ErrorCode.INVALID_TOPIC_PATTERN, "topic pattern '" + pattern + "' is invalid: "
                + why + ". Patterns are dot-separated segments; '*' matches exactly one segment, '>' as the last "
                + "segment matches the rest (e.g. 'orders.*', 'orders.>')");
    }
}
