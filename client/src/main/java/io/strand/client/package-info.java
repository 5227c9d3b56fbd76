/**
 * The Strand Java client: {@link io.strand.client.Publisher}, {@link io.strand.client.Subscriber},
 * {@link io.strand.client.PushReceiver} and {@link io.strand.client.Admin}, all obtained from
 * {@link io.strand.client.Strand}, plus the immutable values they exchange and one exception family
 * ({@link io.strand.client.StrandClientException}, typed by {@link io.strand.client.ErrorCode}, with
 * {@link io.strand.client.Retriable} marking what may be sent again).
 *
 * <p>Public types here are the API; everything package-private is implementation and may change. The
 * client speaks to the broker only through the Thrift code generated from {@code strand.thrift}
 * ({@code io.strand.api}), and those wire types never appear in a public signature. This package must
 * not depend on the broker or its storage (tests may start a broker in-process), nor on the command
 * line in {@code io.strand.client.cli}.
 *
 * <p>Threads: each publisher runs {@code connections} sender threads, each subscriber one thread, each
 * push receiver a small server pool; every handle documents which of its threads run user callbacks.
 */
package io.strand.client;
