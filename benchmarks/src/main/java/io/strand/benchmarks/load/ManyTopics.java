package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.benchmarks.load.sut.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W6: create {@code topics} topics, publish {@code perTopic} messages to each round-robin (one message
 * per topic per round), read every topic back from offset 0, and measure the data directory on disk.
 * {@code seconds} (the compared number) is create + publish + read.
 */
final class ManyTopics {
    private ManyTopics() {
    }

    static Result run(WorkloadContext ctx) throws Exception {
        int topicCount = ctx.settings.w6Topics();
        int perTopic = ctx.settings.w6PerTopic();
        long n = (long) topicCount * perTopic;
        List<String> topics = new ArrayList<>(topicCount);
        for (int t = 0; t < topicCount; t++) {
            topics.add(String.format(Locale.ROOT, "w6-t%04d", t));
        }
        long t0 = System.nanoTime();
        ctx.system.createTopics(topics, ctx.mode);
        long t1 = System.nanoTime();
        publishRoundRobin(ctx, topics, perTopic);
        long t2 = System.nanoTime();
        AtomicLong read = new AtomicLong();
        Progress readProgress = ctx.progress(Workload.W6, n);
        long got = ctx.system.replay(topics, perTopic, p -> readProgress.update(read.incrementAndGet(), "read"),
                ctx.settings.workloadTimeout());
        long t3 = System.nanoTime();
        readProgress.print(got, "read", t3);
        if (got < n) {
            throw new IllegalStateException("read back " + got + " of " + n + " messages");
        }
        long disk = DiskUsage.bytes(ctx.system.dataDir());
        double publishSeconds = (t2 - t1) / 1e9;
        double rate = n / publishSeconds;
        return new Result(ctx.system.name(), Workload.W6, ctx.mode, n, OptionalDouble.of(rate),
                OptionalDouble.of(rate * ctx.settings.payloadBytes() / 1e6), Optional.empty(),
                java.util.Map.of(), Optional.empty())
                .withExtra("topics", topicCount)
                .withExtra("create_s", (t1 - t0) / 1e9)
                .withExtra("publish_s", publishSeconds)
                .withExtra("read_s", (t3 - t2) / 1e9)
                .withExtra("seconds", (t3 - t0) / 1e9)
                .withExtra("disk_bytes", disk);
    }

    private static void publishRoundRobin(WorkloadContext ctx, List<String> topics, int perTopic) throws Exception {
        byte[] payload = Payloads.filler(ctx.settings.payloadBytes());
        long n = (long) topics.size() * perTopic;
        Progress progress = ctx.progress(Workload.W6, n);
        long deadline = ctx.deadline();
        long sent = 0;
        try (PublishClient publisher = ctx.system.publisher(PublishProfile.MANY_TOPICS)) {
            for (int round = 0; round < perTopic; round++) {
                for (String topic : topics) {
                    publisher.send(topic, payload);
                    progress.update(++sent, "sent");
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("sent only " + sent + " of " + n);
                }
            }
            publisher.flush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }
}
