/**
 * Conversions between the wire types of {@code io.strand.api} and the storage types of
 * {@code io.strand.storage}: messages to records and back, and a subscription's definition to the
 * opaque bytes the cursor store keeps.
 *
 * <p>This is the one place where a Thrift {@code Message} becomes a storage {@code Record}, so the
 * size rules and header handling are the same for publish, push and dead-lettering. Everything here is
 * stateless and thread-safe. It may depend on thrift-api and storage only — never on the request
 * layer ({@code io.strand.broker.service}), push delivery or the network code.
 */
package io.strand.broker.codec;
