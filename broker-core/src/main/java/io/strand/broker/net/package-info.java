/**
 * The broker's Thrift transport: the listening socket, one thread per client connection, detection of
 * framed/unframed × binary/compact from a connection's first bytes, and every limit that protects the
 * broker from what clients send or fail to read — enforced before memory is committed, because
 * libthrift 0.20 enforces none of them on a server:
 * <ul>
 *   <li>per request: its size ({@code max.frame.bytes}), container lengths, nesting depth and method
 *       name ({@link io.strand.broker.net.ConnectionTransport}, {@code LimitedProtocol});</li>
 *   <li>across connections: one memory budget for requests in flight ({@code max.inflight.request.bytes},
 *       {@code MemoryBudget}) and a connection count ({@code max.connections});</li>
 *   <li>in time: the idle timeout for clients that send nothing, the write timeout for clients that stop
 *       reading ({@code WriteWatchdog}).</li>
 * </ul>
 * What clients cause is counted in meters and logged rate-limited, never once per bad request. See
 * {@link io.strand.broker.net.ThriftServer}.
 *
 * <p>It serves any {@link org.apache.thrift.TProcessor} and knows nothing of what the requests mean:
 * it must not depend on the request layer ({@code io.strand.broker.service}), on storage, or on the
 * configuration package — the broker hands it a {@link io.strand.broker.net.ServerSettings}.
 */
package io.strand.broker.net;
