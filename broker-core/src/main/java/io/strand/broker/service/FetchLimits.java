package io.strand.broker.service;

import io.strand.api.FetchRequest;
import java.time.Duration;

/**
 * The bounds of one fetch, validated and capped by the broker's settings: a value the client may not
 * send (maxMessages or maxBytes ≤ 0, negative maxWaitMs) is INVALID_REQUEST; a value above the
 * broker's cap is lowered to the cap silently (the client cannot know the cap, and getting less than
 * it asked for is always allowed).
 */
record FetchLimits(int maxMessages, long maxBytes, Duration maxWait) {

    static FetchLimits of(FetchRequest request, ServiceSettings settings) {
        if (request.getMaxMessages() <= 0) {
            throw RequestException.invalid("maxMessages must be at least 1 (the broker returns at most "
                    + settings.fetchMaxMessages() + "), not " + request.getMaxMessages());
        }
        if (request.getMaxBytes() <= 0) {
            throw RequestException.invalid("maxBytes must be at least 1 (the broker returns at most "
                    + settings.fetchMaxBytes() + "), not " + request.getMaxBytes());
        }
        if (request.getMaxWaitMs() < 0) {
            throw RequestException.invalid("maxWaitMs must be 0 (return at once) or more, not " + request.getMaxWaitMs());
        }
        Duration wait = Duration.ofMillis(request.getMaxWaitMs());
        return new FetchLimits(Math.min(request.getMaxMessages(), settings.fetchMaxMessages()),
                Math.min(request.getMaxBytes(), (long) settings.fetchMaxBytes()),
                wait.compareTo(settings.fetchMaxWait()) > 0 ? settings.fetchMaxWait() : wait);
    }
}
