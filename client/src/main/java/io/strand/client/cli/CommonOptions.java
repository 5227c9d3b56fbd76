package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.BrokerAddress;
import io.strand.client.ClientOptions;
import io.strand.client.Strand;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command takes ({@code --broker}, {@code --json}) and what a command needs around
 * them: its output writers and the {@link CliContext}. Mixed into each leaf command.
 */
final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--broker", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9090",
            converter = BrokerAddressConverter.class,
            description = "The broker's Thrift address (default: ${DEFAULT-VALUE}).")
    private BrokerAddress broker;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--json", description = "Print JSON for scripts (one document, or one per line for streams).")
    private boolean json;

    boolean json() {
        return json;
    }

    ClientOptions clientOptions() {
        return ClientOptions.builder().broker(broker).connectTimeout(Duration.ofSeconds(3)).build();
    }

    Admin admin() {
        return Strand.admin(clientOptions());
    }

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    CliContext context() {
        return ((StrandCli) mixee.root().userObject()).context();
    }

    /** Prints one JSON document (or JSON line) and flushes. */
    void printJson(Object value) {
        out().println(Json.write(value));
        out().flush();
    }
}
