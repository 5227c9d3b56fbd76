/**
 * Redis Streams as a peer: {@link io.strand.benchmarks.peers.redis.RedisSystem} runs Debian's
 * {@code redis-server} (installed with apt-get when missing and running as root) on a loopback port with
 * AOF persistence, and drives it with Jedis: pipelined {@code XADD}, {@code XREAD BLOCK} tails, {@code XREAD
 * COUNT} replay.
 */
package io.strand.benchmarks.peers.redis;
