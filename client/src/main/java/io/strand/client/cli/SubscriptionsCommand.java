package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.CursorDescription;
import io.strand.client.StartPosition;
import io.strand.client.SubscriptionDescription;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strand subscriptions list|describe|seek|delete}. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true, description = "List, describe, move and delete subscriptions.",
        subcommands = {SubscriptionsCommand.ListSubscriptions.class, SubscriptionsCommand.Describe.class,
                SubscriptionsCommand.Seek.class, SubscriptionsCommand.Delete.class},
        synopsisSubcommandLabel = "(list | describe | seek | delete)")
final class SubscriptionsCommand {

    private static String mode(SubscriptionDescription s) {
        return s.push() ? "push" : "pull";
    }

    @Command(name = "list", description = "List subscriptions: committed offset and lag per topic.")
    static final class ListSubscriptions implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                List<SubscriptionDescription> subscriptions = admin.listSubscriptions();
                if (common.json()) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    subscriptions.forEach(s -> out.add(Views.json(s)));
                    common.printJson(out);
                    return 0;
                }
                Table table = new Table("SUBSCRIPTION", "MODE", "ACTIVE", "TOPIC", "COMMITTED", "END", "LAG", "LAG_MS");
                for (SubscriptionDescription s : subscriptions) {
                    String active = s.sessionActive() ? "yes" : "no";
                    if (s.cursors().isEmpty()) {
                        table.row(s.name(), mode(s), active, s.topic().orElse("*all*"), "-", "-", "-", "-");
                    }
                    for (CursorDescription c : s.cursors()) {
                        table.row(s.name(), mode(s), active, c.topic(), c.committedOffset(), c.endOffset(),
                                c.lagMessages(), c.lag().toMillis());
                    }
                }
                table.print(common.out());
            }
            return 0;
        }
    }

    @Command(name = "describe", description = "Show one subscription.")
    static final class Describe implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                SubscriptionDescription s = admin.describeSubscription(name);
                if (common.json()) {
                    common.printJson(Views.json(s));
                    return 0;
                }
                PrintWriter out = common.out();
                out.println("subscription: " + s.name());
                out.println("topic:        " + s.topic().orElse("(every topic)"));
                out.println("mode:         " + mode(s) + s.pushEndpoint().map(e -> " to " + e).orElse(""));
                out.println("session:      " + (s.sessionActive() ? "active" : "inactive"));
                out.println("lag:          " + s.totalLag() + " message(s)");
                if (s.push()) {
                    s.consecutiveFailures().ifPresent(f -> out.println("failures:     " + f + " in a row"));
                    s.deadLettered().ifPresent(d -> out.println("dead-lettered: " + d
                            + s.deadLetterTopic().map(t -> " (to " + t + ")").orElse("")));
                }
                Table table = new Table("TOPIC", "COMMITTED", "END", "LAG", "LAG_MS");
                s.cursors().forEach(c -> table.row(c.topic(), c.committedOffset(), c.endOffset(), c.lagMessages(),
                        c.lag().toMillis()));
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "seek", description = "Move a subscription's cursor (on one topic, or all).")
    static final class Seek implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic (default: every topic of the subscription).")
        String topic;

        @Option(names = "--to", required = true, paramLabel = "POSITION", converter = PositionConverter.class,
                description = "Where to: " + PositionConverter.FORMS + ".")
        StartPosition to;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                admin.seek(name, Optional.ofNullable(topic), to);
            }
            if (common.json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("subscription", name);
                out.put("topic", topic);
                out.put("position", to.toString());
                common.printJson(out);
            } else {
                common.out().println("moved " + name + (topic == null ? "" : " on " + topic) + " to " + to);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a subscription and its cursors.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                admin.deleteSubscription(name);
            }
            if (common.json()) {
                common.printJson(Map.of("deleted", name));
            } else {
                common.out().println("deleted subscription " + name);
            }
            return 0;
        }
    }
}
