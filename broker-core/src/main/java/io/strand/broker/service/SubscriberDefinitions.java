package io.strand.broker.service;

import io.strand.api.DeliveryMode;
import io.strand.api.Endpoint;
import io.strand.api.Subscriber;
import io.strand.storage.StorageException;
import io.strand.storage.TopicNames;
import java.util.Optional;

/**
 * What a subscription definition may hold, and what a {@code subscribe} of an existing subscription
 * changes.
 *
 * <p>Names follow the topic-name rule ([A-Za-z0-9._-]) but may be at most
 * {@value #MAX_NAME_LENGTH} characters, so that the dead-letter topic {@code __dlq.<name>} is itself a
 * legal topic name. A bad name is INVALID_REQUEST.
 *
 * <p>Resubscribing never touches cursors or the start position. Fields the new request leaves unset
 * keep their stored values (so the seed's name-only {@code subscribe} resumes anything). Delivery
 * settings that are set and differ — mode, push endpoint, maxDeliveries, resetToEarliestWhenTrimmed —
 * replace the stored ones, so a push client restarted on a new port just subscribes again. A
 * different topic or pattern is refused (INVALID_REQUEST): the cursors belong to the old topics, so
 * the client must unsubscribe first or pick another name.
 */
final class SubscriberDefinitions {
    /** {@link TopicNames#MAX_LENGTH} minus the length of the dead-letter prefix {@code __dlq.}. */
    static final int MAX_NAME_LENGTH = TopicNames.MAX_LENGTH - 6;
    /** The longest DNS name (253) with room to spare; the definition is stored, so it must stay small. */
    static final int MAX_HOST_LENGTH = 255;

    private SubscriberDefinitions() {
    }

    /** A validated copy of {@code requested}. */
    static Subscriber validate(Subscriber requested) {
        if (requested == null) {
            throw RequestException.invalid("the subscriber is missing");
        }
        Subscriber subscriber = requested.deepCopy();
        validateName(subscriber.getName());
        if (subscriber.isSetStart()) {
            StartPositions.validate(subscriber.getStart());
        }
        if (subscriber.isSetMaxDeliveries() && subscriber.getMaxDeliveries() < 1) {
            throw RequestException.invalid("maxDeliveries must be at least 1, not " + subscriber.getMaxDeliveries());
        }
        if (mode(subscriber) == DeliveryMode.PUSH) {
            validateEndpoint(subscriber);
        }
        return subscriber;
    }

    static String validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw RequestException.invalid("the subscription name is empty; use 1-" + MAX_NAME_LENGTH
                    + " characters of [A-Za-z0-9._-]");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw RequestException.invalid("subscription name is " + name.length() + " characters long; the limit is "
                    + MAX_NAME_LENGTH + " (so that its dead-letter topic name fits)");
        }
        try {
            TopicNames.validate(name);
        } catch (StorageException e) {
            throw RequestException.invalid("subscription name '" + name
                    + "' has illegal characters; use only letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    static DeliveryMode mode(Subscriber subscriber) {
        return subscriber.isSetMode() ? subscriber.getMode() : DeliveryMode.PULL;
    }

    static Optional<String> topic(Subscriber subscriber) {
        return subscriber.isSetTopic() && !subscriber.getTopic().isEmpty()
                ? Optional.of(subscriber.getTopic()) : Optional.empty();
    }

    /**
     * The definition after {@code requested} resumes {@code stored}, or empty when nothing changes.
     * Both must have passed {@link #validate}.
     */
    static Optional<Subscriber> merge(Subscriber stored, Subscriber requested) {
        Optional<String> requestedTopic = topic(requested);
        if (requestedTopic.isPresent() && !requestedTopic.equals(topic(stored))) {
            throw RequestException.invalid("subscription '" + stored.getName() + "' already exists for "
                    + topic(stored).map(t -> "topic '" + t + "'").orElse("every topic") + ", not '"
                    + requestedTopic.get() + "'; unsubscribe it first or use another subscription name");
        }
        Subscriber merged = stored.deepCopy();
        if (requested.isSetMode()) {
            merged.setMode(requested.getMode());
        }
        if (requested.isSetPushEndpoint()) {
            merged.setPushEndpoint(requested.getPushEndpoint());
        }
        if (requested.isSetMaxDeliveries()) {
            merged.setMaxDeliveries(requested.getMaxDeliveries());
        }
        if (requested.isSetResetToEarliestWhenTrimmed()) {
            merged.setResetToEarliestWhenTrimmed(requested.isResetToEarliestWhenTrimmed());
        }
        if (mode(merged) == DeliveryMode.PUSH) {
            validateEndpoint(merged);
        }
        return merged.equals(stored) ? Optional.empty() : Optional.of(merged);
    }

    private static void validateEndpoint(Subscriber subscriber) {
        Endpoint endpoint = subscriber.getPushEndpoint();
        if (endpoint == null || endpoint.getHost() == null || endpoint.getHost().isBlank()) {
            throw RequestException.invalid("push subscription '" + subscriber.getName()
                    + "' needs a pushEndpoint (host and port of its Consumer service)");
        }
        if (endpoint.getHost().length() > MAX_HOST_LENGTH) {
            throw RequestException.invalid("push endpoint host is " + endpoint.getHost().length()
                    + " characters long; a host name or address has at most " + MAX_HOST_LENGTH);
        }
        if (endpoint.getPort() < 1 || endpoint.getPort() > 65535) {
            throw RequestException.invalid("push endpoint port must be 1-65535, not " + endpoint.getPort());
        }
    }
}
