package io.strand.storage.rocksdb;

import java.nio.charset.StandardCharsets;

/**
 * Key layouts of every column family. All integers are big-endian so that RocksDB's bytewise order is
 * numeric order and "the batch holding offset k" is a floor seek ({@code seekForPrev}).
 *
 * <pre>
 * log           topicId:8 ‖ baseOffset:8                  → record batch ({@link BatchCodec})
 * timeindex     topicId:8 ‖ timestamp:8 ‖ baseOffset:8    → recordCount:4 ‖ batchBytes:4
 * topics        'T' ‖ topicId:8                           → topic metadata ({@link TopicMetadataCodec})
 *               'N' ‖ name (UTF-8)                        → topicId:8
 *               'S' ‖ topicId:8                           → startOffset:8 ‖ sizeBytes:8
 * subscriptions name (UTF-8)                              → definition (opaque)
 * cursors       nameLength:2 ‖ name (UTF-8) ‖ topicId:8   → offset:8
 * producers     producerId:8 ‖ topicId:8                  → remembered sequences ({@link ProducerStates})
 * meta          counter name (ASCII)                      → value:8
 * </pre>
 *
 * Topic ids start at 1 and are never reused, so {@code topicId + 1} ‖ zeros is the end of a topic's prefix.
 */
final class Keys {
    static final byte TOPIC_META = 'T';
    static final byte TOPIC_NAME = 'N';
    static final byte TOPIC_STATE = 'S';

    private Keys() {
    }

    static byte[] log(long topicId, long baseOffset) {
        byte[] k = new byte[16];
        putLong(k, 0, topicId);
        putLong(k, 8, baseOffset);
        return k;
    }

    /** The first key of a topic's prefix in {@code log} or {@code timeindex}. */
    static byte[] topicStart(long topicId) {
        return log(topicId, 0);
    }

    /** The first key after a topic's prefix (exclusive end for range deletes). */
    static byte[] topicEnd(long topicId) {
        return log(topicId + 1, 0);
    }

    static byte[] timeIndex(long topicId, long timestamp, long baseOffset) {
        byte[] k = new byte[24];
        putLong(k, 0, topicId);
        putLong(k, 8, timestamp);
        putLong(k, 16, baseOffset);
        return k;
    }

    static byte[] timeIndexSeek(long topicId, long timestamp) {
        byte[] k = new byte[16];
        putLong(k, 0, topicId);
        putLong(k, 8, timestamp);
        return k;
    }

    static byte[] topicMeta(long topicId) {
        return tagged(TOPIC_META, topicId);
    }

    static byte[] topicState(long topicId) {
        return tagged(TOPIC_STATE, topicId);
    }

    static byte[] topicName(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[1 + utf8.length];
        k[0] = TOPIC_NAME;
        System.arraycopy(utf8, 0, k, 1, utf8.length);
        return k;
    }

    static byte[] subscription(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** The prefix shared by all cursors of one subscription. */
    static byte[] cursorPrefix(String subscription) {
        byte[] utf8 = subscription.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[2 + utf8.length];
        k[0] = (byte) (utf8.length >>> 8);
        k[1] = (byte) utf8.length;
        System.arraycopy(utf8, 0, k, 2, utf8.length);
        return k;
    }

    /** The subscription name of a {@code cursors} key; empty when the key is malformed. */
    static java.util.Optional<String> cursorSubscription(byte[] key) {
        if (key.length < 2) {
            return java.util.Optional.empty();
        }
        int length = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
        return key.length == 2 + length + 8
                ? java.util.Optional.of(new String(key, 2, length, StandardCharsets.UTF_8)) : java.util.Optional.empty();
    }

    /** The topic id of a well-formed {@code cursors} key (see {@link #cursorSubscription}). */
    static long cursorTopicId(byte[] key) {
        return getLong(key, key.length - 8);
    }

    static byte[] cursor(String subscription, long topicId) {
        byte[] prefix = cursorPrefix(subscription);
        byte[] k = new byte[prefix.length + 8];
        System.arraycopy(prefix, 0, k, 0, prefix.length);
        putLong(k, prefix.length, topicId);
        return k;
    }

    /** The first key after every key starting with {@code prefix} (prefix must not be all 0xFF). */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("prefix has no successor");
    }

    static byte[] producer(long producerId, long topicId) {
        byte[] k = new byte[16];
        putLong(k, 0, producerId);
        putLong(k, 8, topicId);
        return k;
    }

    static byte[] meta(String counter) {
        return counter.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean hasPrefix(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tagged(byte tag, long id) {
        byte[] k = new byte[9];
        k[0] = tag;
        putLong(k, 1, id);
        return k;
    }

    static byte[] longValue(long v) {
        byte[] b = new byte[8];
        putLong(b, 0, v);
        return b;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
