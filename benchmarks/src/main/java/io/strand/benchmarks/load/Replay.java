package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.sut.Workload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W4: one reader replays every message of W1's topic from offset 0. If W1 did not run in this
 * session, the topic is filled first with the same publisher (not timed).
 */
final class Replay {
    private Replay() {
    }

    static Result run(WorkloadContext ctx) throws Exception {
        String topic;
        long n;
        if (ctx.replayTopic().isPresent()) {
            topic = ctx.replayTopic().get();
            n = ctx.replayCount();
        } else {
            topic = ctx.topic(Workload.W4);
            n = ctx.settings.w1Messages();
            ctx.system.createTopics(List.of(topic), ctx.mode);
            ctx.progress(Workload.W4, n).note("filling " + topic + " with " + n + " messages first (not timed)");
            PublishThroughput.publish(ctx, Workload.W4, topic, n);
        }
        AtomicLong read = new AtomicLong();
        Progress progress = ctx.progress(Workload.W4, n);
        long start = System.nanoTime();
        long got = ctx.system.replay(List.of(topic), n, payload -> progress.update(read.incrementAndGet(), "read"),
                ctx.settings.workloadTimeout());
        long end = System.nanoTime();
        progress.print(got, "read", end);
        if (got < n) {
            throw new IllegalStateException("replay read " + got + " of " + n + " messages within "
                    + Duration.ofNanos(end - start));
        }
        return Result.throughput(ctx.system.name(), Workload.W4, ctx.mode, got, ctx.settings.payloadBytes(),
                (end - start) / 1e9);
    }
}
