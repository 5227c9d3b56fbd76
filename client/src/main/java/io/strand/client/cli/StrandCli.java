package io.strand.client.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code strand} command line (every launcher command except broker, check, bench and chaos).
 * In-process use, e.g. from tests: {@code StrandCli.commandLine(new CliContext(stdin)).setOut(out)
 * .setErr(err).execute(args)} returns the exit code ({@link ExitCodes}).
 */
@Command(name = "strand", mixinStandardHelpOptions = true, versionProvider = StrandCli.Version.class,
        description = "Publish, subscribe, replay and administer a Strand broker.",
        subcommands = {TopicsCommand.class, PublishCommand.class, SubscribeCommand.class, ReplayCommand.class,
                SubscriptionsCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class StrandCli implements Runnable {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    StrandCli(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** {@code strand} alone is a usage error: it needs a command. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'strand --help'");
    }

    /** A configured command line over {@code context}; set its out/err writers, then {@code execute(args)}. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new StrandCli(context));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ExitCodes());
        return cli;
    }

    public static void main(String[] args) {
        CliLogging.configure();
        CliContext context = new CliContext(System.in);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            context.stop(); // ends --follow, which then commits and closes
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "strand-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = commandLine(context).execute(args);
        finished.countDown();
        System.exit(code);
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = StrandCli.class.getPackage().getImplementationVersion();
            return new String[] {"strand " + (v == null ? "(development build)" : v)};
        }
    }
}
