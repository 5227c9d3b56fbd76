package io.strand.broker.config;

import java.util.List;

/**
 * Renders the declared settings as the Markdown page {@code docs/configuration.md}. The page is
 * generated, never edited by hand: {@code ./strand broker --print-config-table > docs/configuration.md}
 * (a test fails while the committed page differs from this output).
 */
public final class ConfigTable {

    private ConfigTable() {
    }

    public static String markdown() {
        return markdown(ConfigKeys.ALL);
    }

    static String markdown(List<ConfigKey<?>> keys) {
        StringBuilder out = new StringBuilder();
        out.append("# Broker configuration\n\n")
                .append("<!-- Generated from io.strand.broker.config.ConfigKeys by "
                        + "`./strand broker --print-config-table`; do not edit by hand. -->\n\n")
                .append("Every setting can be given in a properties file (`--config strand.properties`, one\n")
                .append("`key=value` per line) or on the command line (`--set key=value`, repeatable). Precedence,\n")
                .append("lowest first: the default, the file, the command line. The shorthands `--data`, `--port`,\n")
                .append("`--admin-port`, `--bind` and `--durability` set `data.dir`, `port`, `admin.port`,\n")
                .append("`bind.address` and `durability`. Unknown keys and invalid values stop the broker\n")
                .append("from starting, with a message naming the key.\n\n")
                .append("Keys ending in `.ms` are milliseconds; keys ending in `.bytes` are byte counts and\n")
                .append("accept the suffixes `KiB`, `MiB` and `GiB` (`64MiB`).\n\n")
                .append("| key | default | allowed | meaning |\n")
                .append("|---|---|---|---|\n");
        for (ConfigKey<?> key : keys) {
            out.append("| `").append(key.name()).append("` | `").append(key.formatObject(key.defaultValue()))
                    .append("` | ").append(escape(key.allowed())).append(" | ").append(escape(key.doc())).append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
