package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.benchmarks.load.sut.Workload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * W1 and W2: one publisher sends {@code n} payloads to one fresh topic as fast as the system's
 * acknowledgements allow; the clock stops when the last acknowledgement is in (flush).
 */
final class PublishThroughput {
    private PublishThroughput() {
    }

    static Result run(WorkloadContext ctx, Workload workload, long n) throws Exception {
        String topic = ctx.topic(workload);
        ctx.system.createTopics(List.of(topic), ctx.mode);
        double seconds = publish(ctx, workload, topic, n);
        if (workload == Workload.W1) {
            ctx.replayable(topic, n);
        }
        return Result.throughput(ctx.system.name(), workload, ctx.mode, n, ctx.settings.payloadBytes(), seconds);
    }

    /** Publishes {@code n} messages to an existing topic; returns the seconds from first send to last ack. */
    static double publish(WorkloadContext ctx, Workload workload, String topic, long n) throws Exception {
        byte[] payload = Payloads.filler(ctx.settings.payloadBytes());
        Progress progress = ctx.progress(workload, n);
        long deadline = ctx.deadline();
        try (PublishClient publisher = ctx.system.publisher(PublishProfile.THROUGHPUT)) {
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                publisher.send(topic, payload);
                progress.update(i, "sent");
                if ((i & 4095) == 0 && System.nanoTime() > deadline) {
                    throw new TimeoutException("sent only " + i + " of " + n + " within "
                            + ctx.settings.workloadTimeout());
                }
            }
            publisher.flush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            long end = System.nanoTime();
            progress.print(n, "acknowledged", end);
            return (end - start) / 1e9;
        }
    }
}
