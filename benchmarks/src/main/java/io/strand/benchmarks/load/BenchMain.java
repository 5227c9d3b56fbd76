package io.strand.benchmarks.load;

import io.strand.benchmarks.load.report.Result;
import io.strand.benchmarks.load.report.ResultChart;
import io.strand.benchmarks.load.report.ResultLine;
import io.strand.benchmarks.load.report.ResultTable;
import io.strand.benchmarks.load.strand.StrandSystem;
import io.strand.benchmarks.load.sut.BenchEnvironment;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import io.strand.benchmarks.load.sut.Workload;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./strand bench [workload...] [--peers kafka,redis] [--out DIR]}: runs the load tool's
 * workloads against a Strand broker it starts itself (and, opt-in, Kafka and Redis Streams), prints a
 * result line per workload and a Markdown table, and writes results.txt, results.md and results.png
 * into {@code --out}, with each server's log under {@code --out/logs}.
 */
@Command(name = "strand bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs Strand's load workloads (and, with --peers, the same against Kafka and Redis Streams)",
                "on servers it starts on 127.0.0.1 with temporary data directories.",
                "W1 publish throughput (fsync and wal), W2 publish with fsync per ack, W3 end-to-end latency,",
                "W4 catch-up replay, W5 fan-out, W6 many topics, W7 restart."})
public final class BenchMain implements Callable<Integer> {

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*", description = "W1..W7 (default: all)")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--peers", split = ",", paramLabel = "PEER",
            description = "also measure these peers in the same run: kafka, redis")
    List<String> peers = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "where results.txt, results.md and results.png go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "smoke-test sizes (W1 200k, W2 50k, W3/W5 5 s, W7 1M messages)")
    boolean quick;

    @Option(names = "--w1-messages", paramLabel = "N", description = "W1 (and W4) messages (default 1,000,000)")
    Long w1Messages;

    @Option(names = "--w7-messages", paramLabel = "N", description = "W7 messages stored before the restart "
            + "(default 10,000,000 across 100 topics)")
    Long w7Messages;

    @Option(names = "--warmup-messages", paramLabel = "N", description = "published and replayed, unmeasured, "
            + "when a server starts for W1-W5 (default 300,000; --quick 100,000; 0 = none)")
    Long warmupMessages;

    @Option(names = "--latency-warmup-seconds", paramLabel = "S", description = "W3/W5: seconds the fixed-rate "
            + "publisher and subscriptions run, unmeasured, before the measured window (default 5; --quick 2; 0 = none)")
    Long latencyWarmupSeconds;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run everything N times; the table shows each result's median run (default 1)")
    int repeat;

    @Option(names = "--no-strand", description = "measure only the peers")
    boolean noStrand;

    @Option(names = "--project-root", paramLabel = "DIR",
            description = "the Strand checkout (default: found from this tool's class path)")
    Path projectRoot;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "strand-bench-logback.xml");
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Set<Workload> chosen = chosenWorkloads();
        BenchSettings settings = settings();
        Path root = projectRoot != null ? projectRoot : ProjectRoot.find();
        console.printf(Locale.ROOT, "# strand bench: workloads %s, peers %s, sizes %s%n", chosen, peers, settings);
        List<Result> results;
        try (ScratchDirs scratch = new ScratchDirs()) {
            BenchEnvironment env = new BenchEnvironment(root, console, scratch.base(), Duration.ofSeconds(120));
            try (Systems systems = Systems.open(env, !noStrand, peers)) {
                results = new BenchRunner(settings, console, scratch, out.resolve("logs")).run(systems.all(), chosen,
                        Math.max(1, repeat));
            }
        }
        List<Result> reported = repeat > 1 ? MedianRun.of(results) : results;
        String table = (repeat > 1 ? "Median of " + repeat + " runs per row (run = which one; "
                + "headline_min/headline_max = the spread of the compared number).\n\n" : "")
                + ResultTable.markdown(reported);
        console.println();
        console.println(table);
        writeOutputs(results, reported, table, console);
        return results.stream().anyMatch(Result::failed) ? 1 : 0;
    }

    private Set<Workload> chosenWorkloads() {
        if (workloads.isEmpty() || workloads.stream().anyMatch(w -> w.equalsIgnoreCase("all"))) {
            return EnumSet.allOf(Workload.class);
        }
        return workloads.stream().map(Workload::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Workload.class)));
    }

    private BenchSettings settings() {
        BenchSettings s = quick ? BenchSettings.quick() : BenchSettings.issue();
        if (w1Messages != null) {
            s = s.withW1Messages(w1Messages);
        }
        if (w7Messages != null) {
            s = s.withW7Messages(w7Messages);
        }
        if (warmupMessages != null) {
            s = s.withWarmupMessages(warmupMessages);
        }
        if (latencyWarmupSeconds != null) {
            s = s.withLatencyWarmup(Duration.ofSeconds(latencyWarmupSeconds));
        }
        return s;
    }

    /** results.txt gets every run's lines; the chart shows what the table shows. */
    private void writeOutputs(List<Result> results, List<Result> reported, String table, PrintStream console)
            throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.txt"),
                results.stream().map(ResultLine::format).collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.md"), table, StandardCharsets.UTF_8);
        try {
            ResultChart.write(reported, out.resolve("results.png"));
        } catch (Exception | Error e) {
            console.println("# chart not written: " + e);
        }
        console.println("# wrote " + out.toAbsolutePath().resolve("results.{txt,md,png}"));
    }

    /** The systems of one run: Strand (unless --no-strand) then the peers, in the order given. */
    private record Systems(List<SystemUnderTest> all, PeerSystems peers) implements AutoCloseable {
        static Systems open(BenchEnvironment env, boolean strand, List<String> peerNames) throws Exception {
            List<SystemUnderTest> all = new ArrayList<>();
            if (strand) {
                all.add(new StrandSystem(env));
            }
            PeerSystems peers = null;
            if (!peerNames.isEmpty()) {
                peers = PeerSystems.load(peerNames.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList(), env);
                all.addAll(peers.systems());
            }
            return new Systems(all, peers);
        }

        @Override
        public void close() throws Exception {
            for (SystemUnderTest s : all) {
                s.close();
            }
            if (peers != null) {
                peers.close();
            }
        }
    }
}
