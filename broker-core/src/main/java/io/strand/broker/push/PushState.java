package io.strand.broker.push;

/**
 * What describeSubscription shows of a push subscription's delivery.
 *
 * @param consecutiveFailures failed deliveries in a row (0 after a success or a dead-lettering)
 * @param deadLettered        messages this dispatcher sent to the dead-letter topic since the broker started
 * @param deadLetterTopic     where they went
 */
public record PushState(int consecutiveFailures, long deadLettered, String deadLetterTopic) {
}
