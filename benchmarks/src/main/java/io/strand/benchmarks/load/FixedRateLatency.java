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
 *
 * <p>The schedule first runs for the settings' {@code latencyWarmup}, unmeasured, then for {@code
 * duration}, measured: without it the first seconds measure the JIT compiling each system's tail path
 * (publishing small batches, long-poll wake-ups), which the throughput warm-up does not touch. The
 * schedule does not pause between the two, so the measured window starts in a steady state.
 */
final class FixedRateLatency {
    private FixedRateLatency() {
    }

    static Result run(WorkloadContext ctx, Workload workload, int rate, Duration duration, int subscriptions)
            throws Exception {
        String topic = ctx.topic(workload);
        long warm = rate * ctx.settings.latencyWarmup().toSeconds();
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
            scheduleStart = publishOnSchedule(ctx, workload, topic, rate, warm, n, sinks);
            awaitDelivery(ctx, workload, sinks, warm + n);
        } finally {
            for (Tail tail : tails) {
                tail.close();
            }
        }
        long delivered = sinks.stream().mapToLong(TimedSink::measured).sum();
        long lastReceive = sinks.stream().mapToLong(TimedSink::lastReceiveNanos).max().orElse(scheduleStart);
        double seconds = (lastReceive - scheduleStart) / 1e9;
        LatencySummary latency = LatencyRecorder.merged(sinks.stream().map(s -> s.recorder).toList());
        return Result.throughput(ctx.system.name(), workload, ctx.mode, delivered, ctx.settings.payloadBytes(), seconds)
                .withLatency(latency).withExtra("rate", rate).withExtra("subscriptions", subscriptions);
    }

    /**
     * Sends message i of {@code warm + n} at its intended time (late ones at once); returns the start of
     * the measured window (the intended time of message {@code warm}), which the sinks measure from.
     */
    private static long publishOnSchedule(WorkloadContext ctx, Workload workload, String topic, int rate, long warm,
                                          long n, List<TimedSink> sinks) throws Exception {
        byte[] template = Payloads.filler(ctx.settings.payloadBytes());
        long total = warm + n;
        Progress progress = ctx.progress(workload, total);
        long deadline = ctx.deadline();
        try (PublishClient publisher = ctx.system.publisher(PublishProfile.LATENCY)) {
            FixedRateSchedule schedule = new FixedRateSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
                    rate);
            long measureFrom = schedule.intendedNanos(warm);
            sinks.forEach(sink -> sink.measureFrom(measureFrom));
            for (long i = 0; i < total; i++) {
                long intended = schedule.intendedNanos(i);
                FixedRateSchedule.awaitTime(intended);
                publisher.send(topic, Payloads.timed(template, intended));
                progress.update(i, i < warm ? "sent (warm-up)" : "sent");
                if ((i & 1023) == 0 && System.nanoTime() > deadline) {
                    throw new TimeoutException("sent only " + i + " of " + total);
                }
            }
            publisher.flush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            return measureFrom;
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
