/**
 * The crash-under-load proof ({@code ./strand chaos}, {@link io.strand.benchmarks.chaos.ChaosMain}, and
 * the Failsafe test {@code ChaosIT}): a broker in its own JVM is SIGKILLed at seeded-random moments while
 * idempotent publishers, two pull subscriptions and a push subscription work against it, and restarted
 * on the same data directory and port; the clients are never recreated.
 *
 * <h2>What is checked, and where</h2>
 * <ul>
 *   <li>{@code AckLedger} records every acknowledged (topic, offset, payload fingerprint); payloads carry
 *       their publisher and sequence ({@code Payload}), so a copy can be traced to its one send.</li>
 *   <li>{@code LogAudit} reads the whole log back after every cycle: acknowledged messages present at
 *       their offsets with their bytes, offsets dense, no (publisher, sequence) twice, send order kept.</li>
 *   <li>{@code DeliveryLog} checks each subscriber's stream as it arrives (in order per topic, rewinds
 *       allowed and counted); {@code DeliveryCheck} checks at the end that each saw every message.</li>
 *   <li>{@code CursorHistory} checks committed offsets never go back, sampled by {@code CursorWatch}.</li>
 *   <li>{@code BrokerMetrics} reads the broker's sync and group-commit metrics for the fsync evidence.</li>
 * </ul>
 * Every violation is counted once per thing it is about ({@code Violations}); any count above zero
 * fails the run.
 *
 * <h2>Rules</h2>
 * Only processes this package started are signalled, by their own PID. Every loop is bounded in count
 * and time ({@code ChaosSettings#maxRunTime}). This package reaches the broker only as a process and
 * through the public client API ({@code io.strand.client}); it must not use the broker's or the
 * storage's classes in-process (it names {@code BrokerMain} only to launch it), nor the load tool's
 * packages.
 */
package io.strand.benchmarks.chaos;
