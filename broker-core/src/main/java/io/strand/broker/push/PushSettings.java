package io.strand.broker.push;

import java.time.Duration;
import java.util.Objects;

/**
 * How push delivery behaves; built by the request layer from the broker's settings.
 *
 * @param maxDeliveries  failed attempts of one batch before it is dead-lettered, unless the
 *                       subscription sets its own
 * @param batchMessages  most messages in one {@code Consumer.consume} call
 * @param batchBytes     most payload bytes in one call (a single larger message is still sent whole)
 * @param timeout        connect timeout and socket read timeout of one delivery
 * @param backoffInitial delay before the first redelivery
 * @param backoffMax     cap of the doubling delay
 */
public record PushSettings(int maxDeliveries, int batchMessages, long batchBytes, Duration timeout,
                           Duration backoffInitial, Duration backoffMax) {
    public PushSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (maxDeliveries < 1 || batchMessages < 1 || batchBytes < 1) {
            throw new IllegalArgumentException("push maxDeliveries, batchMessages and batchBytes must be >= 1");
        }
        if (backoffInitial.isNegative() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("need 0 <= push backoff initial <= backoff max");
        }
    }
}
