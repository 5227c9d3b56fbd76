/**
 * Strand as a system under test: a broker started as a separate JVM ({@code io.strand.broker.BrokerMain}
 * on broker-core's class path, which the {@code ./strand} launcher builds), driven through the public
 * Java client only ({@code io.strand.client}: {@code Publisher}, {@code Subscriber}, {@code Admin}).
 *
 * <p>It must not use broker-core or storage classes in-process: the load tool measures what a user's
 * application sees over the wire. (The in-process paths are measured by the JMH benchmarks.)
 */
package io.strand.benchmarks.load.strand;
