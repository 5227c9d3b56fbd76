/**
 * The broker process: {@link io.strand.broker.Broker} wires one data directory's store, the request
 * layer ({@code service}), the Thrift transport ({@code net}), the admin HTTP port ({@code admin}) and a
 * JMX reporter around one metric registry, and stops them in the order that loses nothing acknowledged;
 * {@link io.strand.broker.BrokerMain} is {@code ./strand broker} — command line, configuration, signals
 * and exit codes.
 *
 * <p>This is the only package that knows every other package of the broker. Nothing below it may
 * depend on it: {@code net} and {@code admin} get plain settings and callbacks, {@code config} only
 * produces settings records. Only {@code BrokerMain} may end the JVM.
 */
package io.strand.broker;
