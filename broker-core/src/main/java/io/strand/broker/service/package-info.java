/**
 * The request-handling layer: {@link io.strand.broker.service.BrokerService} implements the Thrift
 * {@code PubSub.Iface} by decoding each call, delegating it to one collaborator per concern, and
 * mapping every failure to a {@code StrandException} in one place ({@code ErrorMapper}).
 *
 * <p>Collaborators: {@code PublishService} (validation before the store, append, wait for the ack),
 * {@code Subscriptions} (registry, creation with cursor seeding, resume, sessions and fencing via
 * {@code SubscriptionState}/{@code SessionIds}, recovery at start, topic events), {@code TopicFilter}
 * (names and {@code *}/{@code >} patterns), {@code FetchService} + {@code SubscriptionReader}
 * (bounded, round-robin reads and long-poll waits), {@code CursorUpdates} (commit, seek),
 * {@code TopicAdmin} and {@code AdminQueries} (admin calls, lag, info), {@code ServiceMetrics}.
 * Push delivery lives in {@code io.strand.broker.push}, long-poll parking in
 * {@code io.strand.broker.waiters}, wire↔storage conversion in {@code io.strand.broker.codec}.
 *
 * <p>Semantics worth knowing:
 * <ul>
 *   <li>Subscription names follow the topic-name rule, at most 243 characters (so
 *       {@code __dlq.<name>} is a legal topic).</li>
 *   <li>subscribe/openSession on an existing subscription resumes it: cursors are never touched;
 *       unset fields keep their stored values; set delivery fields (mode, endpoint, maxDeliveries,
 *       resetToEarliestWhenTrimmed) replace them; a different topic/pattern is INVALID_REQUEST.</li>
 *   <li>A matching topic created after the subscription is read from offset 0.</li>
 *   <li>Each subscribe opens a session and fences older ones (SESSION_FENCED). Fetch/commit without
 *       a sessionId (0) are allowed. A session id issued before a broker restart is adopted while no
 *       newer session exists, so clients survive a restart.</li>
 *   <li>Fetch with a session reads ahead from an in-memory position (reset by seek and by a new
 *       session); without one it reads from the committed offset. {@code nextOffsets} lists the
 *       topics that returned messages (for a replay fetch: always its topic).</li>
 *   <li>Fetch bounds above the broker caps are lowered silently; ≤ 0 (negative wait) is
 *       INVALID_REQUEST.</li>
 * </ul>
 *
 * <p>Metrics (Dropwizard, in the registry given to the service):
 * <ul>
 *   <li>{@code broker.publish.latency}, {@code broker.fetch.latency}, {@code broker.commit.latency}
 *       (Timers) — duration of successful publish/publishBatch, fetch (including any long-poll wait)
 *       and commit requests; their rates are the successful request rates;</li>
 *   <li>{@code broker.publish.failures}, {@code broker.fetch.failures}, {@code broker.commit.failures}
 *       (Meters) — requests of that kind answered with an error;</li>
 *   <li>{@code broker.other.failures} (Meter) — failed calls of every other kind (subscribe, seek,
 *       unsubscribe, admin calls, initProducer);</li>
 *   <li>{@code broker.messages.in} / {@code broker.bytes.in} (Meters) — messages appended and their
 *       payload bytes (data + key), idempotent duplicates excluded;</li>
 *   <li>{@code broker.publish.duplicates} (Meter) — idempotent retries answered without appending;</li>
 *   <li>{@code broker.messages.out} / {@code broker.bytes.out} (Meters) — messages and payload bytes
 *       returned by fetch (push deliveries add to the same meters);</li>
 *   <li>{@code broker.publish.batch.size} (Histogram) — messages per publish request;</li>
 *   <li>{@code broker.fetch.waiting} (Gauge) — fetches parked in a long-poll right now;</li>
 *   <li>{@code subscription.<name>.lag.messages} (Gauge) — messages not yet committed, summed over
 *       the subscription's topics;</li>
 *   <li>{@code subscription.<name>.lag.ms} (Gauge) — age of the oldest uncommitted message over the
 *       subscription's topics, 0 when caught up. Both lag gauges are computed when read, registered
 *       when a subscription is created or recovered and removed on unsubscribe.</li>
 * </ul>
 * Push metrics are listed in {@code io.strand.broker.push}.
 *
 * <p>Dependencies: thrift-api, storage, the codec/waiters/push packages. It must not depend on the
 * network server, config parsing or the admin HTTP code ({@code net}, {@code config}, {@code admin}):
 * they depend on it, through {@code BrokerService} and {@code ServiceSettings} only.
 */
package io.strand.broker.service;
