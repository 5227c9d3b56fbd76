/**
 * The {@code strand} command line: picocli commands ({@link io.strand.client.cli.StrandCli} and its
 * subcommands) over the public client API of {@code io.strand.client} — never the Thrift code
 * directly, never the broker. Each command prints human-readable text, or JSON with {@code --json},
 * and exits 0 (ok), 1 (the broker refused), 2 (usage) or 3 (broker unreachable).
 *
 * <p>Commands take their input, output and stop signal from a {@link io.strand.client.cli.CliContext}
 * and picocli's writers, so tests drive them in-process; only {@code StrandCli.main} touches
 * {@code System.in/out}, the logging setup and shutdown hooks.
 */
package io.strand.client.cli;
