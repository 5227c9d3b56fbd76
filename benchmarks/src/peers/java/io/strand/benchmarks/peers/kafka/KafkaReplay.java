package io.strand.benchmarks.peers.kafka;

import io.strand.benchmarks.load.sut.MessageSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reading stored messages back with one {@link KafkaConsumer} assigned every partition asked for, from
 * the beginning. Tuned for catch-up: {@code max.poll.records} 10,000, {@code max.partition.fetch.bytes}
 * 8 MiB (default 1 MiB), {@code fetch.max.bytes} 64 MiB.
 */
final class KafkaReplay {
    private KafkaReplay() {
    }

    static long replay(String bootstrap, List<String> topics, long perTopic, MessageSink sink, Duration timeout)
            throws TimeoutException {
        long want = perTopic * topics.size();
        long deadline = System.nanoTime() + timeout.toNanos();
        long got = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, 10_000)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.add(new TopicPartition(topic, 0));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (got < want) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    sink.accept(record.value());
                    got++;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("replayed only " + got + " of " + want + " within " + timeout);
                }
            }
        }
        return got;
    }

    /** One fresh consumer, one poll of up to 2 s: did the first message of {@code topic} come back? */
    static boolean fetchFirst(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, 1)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            return !consumer.poll(Duration.ofSeconds(2)).isEmpty();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, int maxPollRecords) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 << 20));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
