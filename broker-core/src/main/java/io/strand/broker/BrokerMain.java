package io.strand.broker;

import io.strand.broker.config.BrokerConfig;
import io.strand.broker.config.ConfigException;
import io.strand.broker.config.ConfigTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./strand broker}: parses the command line, starts a {@link Broker} and runs until SIGTERM or
 * Ctrl-C, then stops it gracefully and exits 0 (1 if the stop had errors).
 *
 * <p>Exit codes: 0 stopped cleanly; 1 could not start (or stopped with errors); 2 bad command line or
 * configuration. A start failure is one line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(name = "strand broker", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BrokerMain.Version.class,
        description = {"Runs a Strand broker: Thrift on --bind:--port, admin HTTP on --admin-port, data in --data.",
                "Every setting can also come from --config FILE or --set KEY=VALUE; see docs/configuration.md.",
                "Precedence, lowest first: defaults, --config file, --set, the named flags below."})
public final class BrokerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (key=value per line).")
    private Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (data.dir). Default: ./data")
    private String dataDir;

    @Option(names = "--port", paramLabel = "N", description = "Thrift port (port); 0 = any free port. Default: 9090")
    private String port;

    @Option(names = "--admin-port", paramLabel = "N",
            description = "Admin HTTP port (admin.port); 0 = any free port, -1 = off. Default: 9091")
    private String adminPort;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Listen address (bind.address). Default: 127.0.0.1")
    private String bind;

    @Option(names = "--durability", paramLabel = "wal|fsync",
            description = "Default durability of acknowledged publishes (durability). Default: fsync")
    private String durability;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting of docs/configuration.md; repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--print-config-table", description = "Print the Markdown table of every setting and exit.")
    private boolean printConfigTable;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of start failures.")
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command and returns its exit code (blocks while the broker runs). */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new BrokerMain()).setOut(out).setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            BrokerMain main = commandLine.getCommand();
            int code = e instanceof ConfigException ? 2 : 1;
            err.println("strand broker: " + (e instanceof ConfigException || e instanceof BrokerStartException
                    ? e.getMessage() : "unexpected failure: " + e));
            if (main.verbose) {
                e.printStackTrace(err);
            } else if (code == 1 && !(e instanceof BrokerStartException)) {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return code;
        });
        return cmd.execute(args);
    }

    /** The configuration a command line describes (without starting anything). */
    static BrokerConfig configOf(String... args) {
        BrokerMain main = new BrokerMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    private BrokerConfig config() {
        return BrokerConfig.load(Optional.ofNullable(configFile), overrides());
    }

    @Override
    public Integer call() throws InterruptedException {
        if (printConfigTable) {
            spec.commandLine().getOut().print(ConfigTable.markdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
        BrokerConfig config = config();
        StopSignal stop = StopSignal.install();
        Broker broker = Broker.start(config);
        Thread hook = new Thread(broker::close, "strand-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("running; stop with Ctrl-C or SIGTERM (pid {})", ProcessHandle.current().pid());
        String signal = stop.await();
        log.info("received SIG{}", signal);
        broker.close();
        return broker.closedCleanly() ? 0 : 1;
    }

    /** --set values, then the named flags on top (they are shorthands for their keys). */
    private Map<String, String> overrides() {
        Map<String, String> map = new LinkedHashMap<>(settings);
        putIfGiven(map, "data.dir", dataDir);
        putIfGiven(map, "port", port);
        putIfGiven(map, "admin.port", adminPort);
        putIfGiven(map, "bind.address", bind);
        putIfGiven(map, "durability", durability);
        return map;
    }

    private static void putIfGiven(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BrokerMain.class.getPackage().getImplementationVersion();
            return new String[] {"strand broker " + (version == null ? "(development build)" : version)};
        }
    }
}
