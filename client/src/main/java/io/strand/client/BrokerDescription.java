package io.strand.client;

import java.time.Duration;

/**
 * What the broker says about itself ({@code info}).
 *
 * @param version           broker version
 * @param healthy           false when its store is read-only after an I/O error
 * @param storageStatus     why it is unhealthy; empty when healthy
 * @param defaultDurability durability of topics that do not set their own
 * @param topics            number of topics
 * @param subscriptions     number of subscriptions
 * @param uptime            time since it started
 * @param maxMessageBytes   largest message it accepts
 * @param maxBatchMessages  most messages it accepts in one batch
 */
public record BrokerDescription(String version, boolean healthy, String storageStatus, Durability defaultDurability,
                                int topics, int subscriptions, Duration uptime, long maxMessageBytes,
                                int maxBatchMessages) {
}
