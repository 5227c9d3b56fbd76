package io.strand.benchmarks.chaos;

import io.strand.client.Admin;
import io.strand.client.ClientOptions;
import io.strand.client.Strand;
import io.strand.client.StrandClientException;
import io.strand.client.SubscriptionDescription;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * One chaos run: start the broker, put it under load from publishers and subscribers, then per cycle
 * let it run a seeded-random while, SIGKILL it, restart it on the same data directory and port, wait
 * for every client to resume on its own, and audit the whole log and the cursors. At the end stop
 * publishing, let the subscribers drain, audit once more and compare what each subscriber saw with the
 * log. Prints a line per cycle and returns the {@link ChaosResult}.
 *
 * <p>Everything is bounded in time (see {@link ChaosSettings#maxRunTime()}) and only processes this run
 * started are signalled. The work directory is deleted after a clean run unless asked to keep it; after
 * a failed one it is kept for inspection and its path printed.
 */
final class ChaosRun {
    private static final Duration AUDIT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CURSOR_SAMPLE_INTERVAL = Duration.ofMillis(200);

    private final ChaosSettings settings;
    private final PrintStream out;
    private final Violations violations = new Violations();
    private final AckLedger ledger = new AckLedger(violations);
    private final CursorHistory cursors = new CursorHistory(violations);
    private final Random timing;
    private Duration slowestResume = Duration.ZERO;

    ChaosRun(ChaosSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.timing = new Random(settings.seed());
    }

    ChaosResult run() throws IOException, InterruptedException {
        Path work = settings.workDir().isPresent() ? Files.createDirectories(settings.workDir().get())
                : Files.createTempDirectory("strand-chaos-");
        ChaosResult result = null;
        try {
            result = runIn(work);
            return result;
        } finally {
            if (result != null && result.passed() && !settings.keepData()) {
                deleteTree(work);
            } else {
                out.println("# kept the data and broker logs in " + work);
            }
        }
    }

    private ChaosResult runIn(Path work) throws IOException, InterruptedException {
        long started = System.nanoTime();
        int port = freePort();
        int adminPort = freePort();
        ClientOptions client = ClientOptions.builder().broker("127.0.0.1", port).connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(15)).build();
        out.printf(Locale.ROOT, "# strand chaos: cycles=%d durability=%s topics=%d publishers=%d rate=%d/s each "
                        + "seed=%d up=%d..%d ms down<=%d ms, broker on 127.0.0.1:%d (admin %d), work dir %s%n",
                settings.cycles(), settings.durability().name().toLowerCase(Locale.ROOT), settings.topics(),
                settings.publishers(), settings.ratePerPublisher(), settings.seed(), settings.minUp().toMillis(),
                settings.maxUp().toMillis(), settings.maxDown().toMillis(), port, adminPort, work);
        int cyclesDone = 0;
        long sent;
        long stored = 0;
        Map<String, Long> redelivered;
        long reconnects;
        try (BrokerSupervisor broker = new BrokerSupervisor(settings, work.resolve("data"), work.resolve("logs"), port,
                adminPort, out)) {
            broker.start();
            out.println("# broker pid " + broker.pid() + " is up");
            try (Admin admin = Strand.admin(client)) {
                settings.topicNames().forEach(admin::createTopic);
                try (Consumers consumers = Consumers.start(client, ChaosSettings.topicPattern(),
                        settings.commitInterval(), violations);
                     Publishers publishers = Publishers.start(settings, client, ledger, violations);
                     CursorWatch watch = new CursorWatch(client, Consumers.names(), cursors, CURSOR_SAMPLE_INTERVAL,
                             settings.maxRunTime())) {
                    LogAudit audit = new LogAudit(new AdminLogReader(admin), violations, AUDIT_TIMEOUT);
                    ClientProgress progress = new ClientProgress(ledger, publishers.drivers(), consumers.logs());
                    for (int cycle = 1; cycle <= settings.cycles(); cycle++) {
                        runCycle(cycle, broker, admin, audit, progress, watch);
                        cyclesDone = cycle;
                    }
                    publishers.close();
                    sent = publishers.sent();
                    DeliveryCheck deliveries = new DeliveryCheck(consumers.logs(), violations);
                    stored = finish(admin, audit, watch, deliveries);
                    redelivered = deliveries.redelivered();
                    reconnects = consumers.reconnects();
                }
            }
            int status = broker.stop();
            if (status != 0) {
                violations.report(Violation.BROKER_FAILURES, "final-stop", "the broker exited with " + status
                        + " after SIGTERM; its log ends:\n" + broker.logTail());
            }
            return new ChaosResult(settings.durability(), settings.seed(), cyclesDone, sent, ledger.acked(), stored,
                    redelivered, ledger.retriesRecognised(), reconnects, ledger.byDurability(), broker.metrics(),
                    slowestResume, violations.counts(), violations.examples(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void runCycle(int cycle, BrokerSupervisor broker, Admin admin, LogAudit audit, ClientProgress progress,
                          CursorWatch watch) throws IOException, InterruptedException {
        Duration upFor = between(settings.minUp(), settings.maxUp());
        if (!sleepWhileAlive(broker, upFor)) {
            violations.report(Violation.BROKER_FAILURES, "cycle-" + cycle + ":died",
                    "the broker exited by itself in cycle " + cycle + "; its log ends:\n" + broker.logTail());
        }
        observeCursors(watch, admin);
        long pid = broker.pid();
        Duration up = broker.isAlive() ? broker.kill() : Duration.ZERO;
        Duration down = between(Duration.ZERO, settings.maxDown());
        Thread.sleep(down.toMillis());
        long restart = System.nanoTime();
        broker.start();
        Duration startTook = Duration.ofNanos(System.nanoTime() - restart);
        progress.mark();
        List<String> stuck = progress.awaitResumed(settings.reconnectTimeout());
        Duration resumed = Duration.ofNanos(System.nanoTime() - restart);
        for (String client : stuck) {
            violations.report(Violation.STALLS, "cycle-" + cycle + ":" + client, client + " made no progress within "
                    + settings.reconnectTimeout().toSeconds() + " s of the restart in cycle " + cycle);
        }
        if (stuck.isEmpty() && resumed.compareTo(slowestResume) > 0) {
            slowestResume = resumed;
        }
        LogImage image = audit.audit(settings.topicNames(), ledger.snapshot());
        observeCursors(watch, admin);
        out.printf(Locale.ROOT, "cycle %d/%d: SIGKILL pid %d after a %.2f s wait (up %.2f s); dead %d ms; new pid %d "
                        + "listening after %d ms; all clients resumed after %d ms; acked=%d audited=%d "
                        + "idempotentRetries=%d violations=%d%n",
                cycle, settings.cycles(), pid, upFor.toMillis() / 1000.0, up.toMillis() / 1000.0, down.toMillis(),
                broker.pid(), startTook.toMillis(), resumed.toMillis(), ledger.acked(), image.messages(),
                ledger.retriesRecognised(), violations.total());
    }

    /**
     * The end of the run: publishers are closed; wait for the subscribers to see everything, audit the
     * log a last time, compare deliveries with it, observe cursors and dead letters. Returns the number
     * of messages stored.
     */
    private long finish(Admin admin, LogAudit audit, CursorWatch watch, DeliveryCheck deliveries)
            throws InterruptedException {
        Map<String, Long> ends = new HashMap<>();
        for (String topic : settings.topicNames()) {
            ends.put(topic, admin.describeTopic(topic).endOffset());
        }
        if (!deliveries.awaitDrained(ends, settings.drainTimeout())) {
            out.println("# subscribers did not see everything within " + settings.drainTimeout().toSeconds() + " s");
        }
        LogImage image = audit.audit(settings.topicNames(), ledger.snapshot());
        deliveries.compare(image);
        observeCursors(watch, admin);
        SubscriptionDescription push = admin.describeSubscription(Consumers.PUSH);
        long deadLettered = push.deadLettered().orElse(0);
        if (deadLettered > 0) {
            violations.report(Violation.DEAD_LETTERED, Consumers.PUSH, deadLettered + " messages of " + Consumers.PUSH
                    + " went to " + push.deadLetterTopic().orElse("its dead-letter topic"));
        }
        return image.messages();
    }

    private void observeCursors(CursorWatch watch, Admin admin) {
        try {
            watch.observeNow(admin);
        } catch (StrandClientException e) {
            violations.report(Violation.BROKER_FAILURES, "cursors:" + e.getMessage(), "cannot read the cursors: " + e);
        }
    }

    /** Sleeps {@code d} in short slices; false as soon as the broker is found dead. */
    private static boolean sleepWhileAlive(BrokerSupervisor broker, Duration d) throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!broker.isAlive()) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
        }
        return broker.isAlive();
    }

    /** Uniform in {@code [min, max]}, from the run's seeded random. */
    private Duration between(Duration min, Duration max) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span <= 0 ? 0 : (long) (timing.nextDouble() * (span + 1)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
