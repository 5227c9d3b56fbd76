/**
 * The broker's Thrift transport: the listening socket, one thread per client connection, detection of
 * framed/unframed × binary/compact from a connection's first bytes, and the wire-level limits
 * (request size, container length, connection count, idle timeout) enforced before a request's bytes
 * are buffered. See {@link io.strand.broker.net.ThriftServer}.
 *
 * <p>It serves any {@link org.apache.thrift.TProcessor} and knows nothing of what the requests mean:
 * it must not depend on the request layer ({@code io.strand.broker.service}), on storage, or on the
 * configuration package — the broker hands it a {@link io.strand.broker.net.ServerSettings}.
 */
package io.strand.broker.net;
