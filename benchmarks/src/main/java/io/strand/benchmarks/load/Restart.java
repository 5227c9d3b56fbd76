package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.benchmarks.load.sut.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * W7: store {@code messages} across {@code topics} topics (published round-robin in blocks of 1,000
 * per topic), stop the server gracefully, then time from launching the server process again to the
 * first successful fetch of a stored message (a fresh connection every 5 ms until one succeeds).
 */
final class Restart {
    private static final int BLOCK = 1_000;

    private Restart() {
    }

    static Result run(WorkloadContext ctx) throws Exception {
        long n = ctx.settings.w7Messages();
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < ctx.settings.w7Topics(); t++) {
            topics.add(String.format(Locale.ROOT, "w7-t%03d", t));
        }
        ctx.system.createTopics(topics, ctx.mode);
        long start = System.nanoTime();
        fill(ctx, topics, n);
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        long stopStart = System.nanoTime();
        ctx.system.stop();
        long stopped = System.nanoTime();
        long disk = DiskUsage.bytes(ctx.system.dataDir());

        long launch = System.nanoTime();
        ctx.system.start(ctx.mode, ctx.workDir);
        long listening = System.nanoTime();
        long deadline = launch + ctx.settings.workloadTimeout().toNanos();
        int attempts = 1;
        while (!ctx.system.fetchFirst(topics.get(0))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no successful fetch within " + ctx.settings.workloadTimeout()
                        + " of the restart (" + attempts + " attempts)");
            }
            attempts++;
            TimeUnit.MILLISECONDS.sleep(5);
        }
        long fetched = System.nanoTime();
        ctx.progress(Workload.W7, n).note(String.format(Locale.ROOT,
                "restart: listening after %.0f ms, first fetch after %.0f ms (%d attempts)",
                (listening - launch) / 1e6, (fetched - launch) / 1e6, attempts));
        return Result.throughput(ctx.system.name(), Workload.W7, ctx.mode, n, ctx.settings.payloadBytes(), fillSeconds)
                .withExtra("topics", topics.size())
                .withExtra("stop_ms", (stopped - stopStart) / 1_000_000)
                .withExtra("listen_ms", (listening - launch) / 1_000_000)
                .withExtra("restart_ms", (fetched - launch) / 1_000_000)
                .withExtra("disk_bytes", disk);
    }

    private static void fill(WorkloadContext ctx, List<String> topics, long n) throws Exception {
        byte[] payload = Payloads.filler(ctx.settings.payloadBytes());
        Progress progress = ctx.progress(Workload.W7, n);
        long deadline = ctx.deadline();
        long sent = 0;
        try (PublishClient publisher = ctx.system.publisher(PublishProfile.THROUGHPUT)) {
            while (sent < n) {
                for (int t = 0; t < topics.size() && sent < n; t++) {
                    for (int i = 0; i < BLOCK && sent < n; i++) {
                        publisher.send(topics.get(t), payload);
                        progress.update(++sent, "stored");
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("stored only " + sent + " of " + n);
                }
            }
            publisher.flush(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }
}
