/**
 * Push delivery: the broker calls a PUSH subscription's own Thrift {@code Consumer} endpoint, the way
 * the seed's server called {@code subscriber.consume}.
 *
 * <p>{@link io.strand.broker.push.PushDispatchers} keeps one {@code PushDispatcher} — one named thread,
 * {@code strand-push-<subscription>} — per push subscription, so a slow or hanging endpoint delays
 * nobody else. Each dispatcher delivers batches (at most {@code push.batch.messages}) in offset order
 * from the committed offset, commits after every successful {@code consume}, and after a failure or
 * timeout redelivers from the committed offset after a capped, jittered exponential backoff
 * (at-least-once, in order). After {@code max.deliveries} failed attempts of a batch (or the
 * subscriber's own {@code maxDeliveries}) the batch is appended to the dead-letter topic
 * {@code __dlq.<subscription>} with its origin in headers ({@code strand.original.topic},
 * {@code strand.original.offset}, {@code strand.original.timestamp}, {@code strand.deliveries}),
 * committed past, and delivery moves on. Idle dispatchers park on the shared
 * {@link io.strand.broker.waiters.FetchWaiters} instead of polling. Dispatchers are started from the
 * stored subscriptions when the broker starts, so delivery resumes after a restart.
 *
 * <p>Wire to the endpoint: unframed socket + binary protocol (what the seed's {@code make_server}
 * serves), one connection per dispatcher, reused between deliveries and re-opened after a failure;
 * {@code push.timeout.ms} bounds both connecting and each {@code consume} call.
 *
 * <p>Metrics (Dropwizard, in the broker's registry):
 * <ul>
 *   <li>{@code broker.push.deliveries} (Meter) — successful {@code consume} calls (batches);</li>
 *   <li>{@code broker.push.failures} (Meter) — failed or timed-out {@code consume} calls;</li>
 *   <li>{@code broker.push.retries} (Meter) — redelivery attempts after a backoff;</li>
 *   <li>{@code broker.push.deadlettered.messages} (Meter) — messages written to dead-letter topics;</li>
 *   <li>{@code broker.messages.out} / {@code broker.bytes.out} (Meters, shared with fetch) — messages
 *       and payload bytes (data + key) delivered.</li>
 * </ul>
 * Per subscription, {@code describeSubscription} shows {@code consecutiveFailures},
 * {@code deadLettered} and {@code deadLetterTopic}.
 *
 * <p>Dependencies: storage (log, cursors), thrift-api (the {@code Consumer} client), the codec and the
 * waiters. It must not depend on the request layer ({@code io.strand.broker.service}), which drives it
 * and hands it each subscription's topic list as a supplier.
 */
package io.strand.broker.push;
