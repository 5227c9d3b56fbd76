package io.strand.broker;

import io.strand.storage.CheckReport;
import io.strand.storage.StorageError;
import io.strand.storage.StorageException;
import io.strand.storage.StoreCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./strand check --data DIR}: verifies a stopped broker's data directory offline with
 * {@link StoreCheck} (checksums of every stored batch, dense offsets, end offsets, the time index,
 * cursors within range, producer state) and prints what it found — a readable report, or with
 * {@code --json} one JSON object. It never changes the directory.
 *
 * <p>Exit codes: 0 clean (notes allowed); 1 problems found, or RocksDB could not read the directory;
 * 2 usage error — a bad command line, a directory that is not a Strand data directory, or one a
 * running broker holds (stop it first; checking a directory being written would report gaps that
 * are not there).
 */
@Command(name = "strand check", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BrokerMain.Version.class,
        description = {"Verifies a Strand data directory offline: batch checksums, dense offsets,",
                "end offsets, the time index, cursors and producer state.",
                "Stop the broker first; nothing is changed.",
                "Exit code: 0 clean, 1 problems found, 2 usage error or directory in use."})
public final class CheckMain implements Callable<Integer> {
    static final int CLEAN = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The data directory to check (data.dir).")
    private Path dataDir;

    @Option(names = "--json", description = "Print the report as one JSON object instead of text.")
    private boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace of an unexpected failure.")
    private boolean verbose;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command and returns its exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new CheckMain()).setOut(out).setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            CheckMain main = commandLine.getCommand();
            err.println("strand check: could not check: " + e);
            if (main.verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return PROBLEMS;
        });
        return cmd.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckReport report;
        try {
            report = StoreCheck.check(dataDir);
        } catch (StorageException e) {
            err.println("strand check: " + e.getMessage());
            err.flush();
            return refusedForUsage(e) ? USAGE : PROBLEMS;
        }
        if (json) {
            out.println(CheckReportJson.render(report));
        } else {
            report.lines().forEach(out::println);
        }
        out.flush();
        return report.clean() ? CLEAN : PROBLEMS;
    }

    /**
     * Whether the check was refused for something the user must fix before checking (not a data
     * directory; a store holds it) rather than because the directory could not be read. StoreCheck
     * reports both of the latter as STORE_FAILED; "holds it" is how it words the refusal.
     */
    private static boolean refusedForUsage(StorageException e) {
        return e.error() == StorageError.INVALID_REQUEST
                || (e.getMessage() != null && e.getMessage().contains("holds it"));
    }
}
