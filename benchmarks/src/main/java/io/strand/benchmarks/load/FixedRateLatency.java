package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.LatencySummary;
import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.benchmarks.load.sut.Tail;
import io.strand.benchmarks.load.sut.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * W3 and W5: a publisher on a fixed-rate schedule, {@code subscriptions} subscriptions tailing the
 * same fresh topic from its start; latency = receive time − intended send time (carried in the
 * payload), per message per subscription, into one HdrHistogram per subscription.
 */
final class FixedRateLatency {
    private FixedRateLatency() {
    }

    static Result run(WorkloadContext ctx, Workload workload, int rate, Duration duration, int subscriptions)
            throws Exception {
        String topic = ctx.topic(workload);
        long n = rate * duration.toSeconds();
        ctx.system.createTopics(List.of(topic), ctx.mode);
        List<TimedSink> sinks = new ArrayList<>();
        List<Tail> tails = new ArrayList<>();
        long scheduleStart;
        try {
            for (int k = 0; k < subscriptions; k++) {
                TimedSink sink = new TimedSink();
                sinks.add(sink);
                tails.add(ctx.system.tail(topic, topic + "-sub" + k, sink));
            }
            scheduleStart = publishOnSchedule(ctx, workload, topic, rate, n);
            awaitDelivery(ctx, workload, sinks, n);
        } finally {
            for (Tail tail : tails) {
                tail.close();
            }
        }
        long delivered = sinks.stream().mapToLong(TimedSink::received).sum();
        long lastReceive = sinks.stream().mapToLong(TimedSink::lastReceiveNanos).max().orElse(scheduleStart);
        double seconds = (lastReceive - scheduleStart) / 1e9;
        LatencySummary latency = LatencyRecorder.merged(sinks.stream().map(s -> s.recorder).toList());
        return Result.throughput(ctx.system.name(), workload, ctx.mode, delivered, ctx.settings.payloadBytes(), seconds)
                .withLatency(latency).withExtra("rate", rate).withExtra("subscriptions", subscriptions);
    }

    /** Sends message i at its intended time (late ones at once); returns the schedule's start. */
    private static long publishOnSchedule(WorkloadContext ctx, Workload workload, String topic, int rate, long n)
            throws Exception {
        byte[] template = Payloads.filler(ctx.settings.payloadBytes());
        Progress progress = ctx.progress(workload, n);
        long deadline = ctx.deadline();
        try (PublishClient publisher = ctx.system.publisher(PublishProfile.LATENCY)) {
            FixedRateSchedule schedule = new FixedRateSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
                    rate);
            for (long i = 0; i < n; i++) {
                long intended = schedule.intendedNanos(i);
                FixedRateSchedule.awaitTime(intended);
                publisher.send(topic, Payloads.timed(template, intended));
                progress.update(i, "sent");
                if ((i & 1023) == 0 && System.nanoTime() > deadline) {
                    throw new TimeoutException("sent only " + i + " of " + n);
                }
            }
            publisher.flush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            return schedule.intendedNanos(0);
        }
    }

    private static void awaitDelivery(WorkloadContext ctx, Workload workload, List<TimedSink> sinks, long n)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + Math.min(ctx.settings.workloadTimeout().toNanos(),
                TimeUnit.SECONDS.toNanos(60));
        Progress progress = ctx.progress(workload, n * sinks.size());
        while (true) {
            long got = sinks.stream().mapToLong(TimedSink::received).sum();
            if (sinks.stream().allMatch(s -> s.received() >= n)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("subscriptions received " + got + " of " + n * sinks.size()
                        + " messages within 60 s of the last send");
            }
            progress.update(got & ~1023L, "delivered");
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
