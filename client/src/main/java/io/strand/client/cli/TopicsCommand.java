package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.Durability;
import io.strand.client.TopicDescription;
import io.strand.client.TopicSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strand topics create|list|describe|delete}. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create, list, describe and delete topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class, TopicsCommand.Describe.class,
                TopicsCommand.Delete.class},
        synopsisSubcommandLabel = "(create | list | describe | delete)")
final class TopicsCommand {

    @Command(name = "create", description = "Create a topic.")
    static final class Create implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "TOPIC", description = "Topic name: 1..249 characters of [A-Za-z0-9._-].")
        String name;

        @Option(names = "--retention-ms", paramLabel = "MS", description = "Delete messages older than this.")
        Long retentionMs;

        @Option(names = "--retention-bytes", paramLabel = "BYTES", description = "Keep at most about this many bytes.")
        Long retentionBytes;

        @Option(names = "--durability", paramLabel = "wal|fsync",
                description = "Durability of acknowledged appends (default: the broker's).")
        Durability durability;

        @Override
        public Integer call() {
            TopicSettings settings = TopicSettings.DEFAULTS;
            if (retentionMs != null) {
                settings = settings.withRetention(Duration.ofMillis(retentionMs));
            }
            if (retentionBytes != null) {
                settings = settings.withRetentionBytes(retentionBytes);
            }
            if (durability != null) {
                settings = settings.withDurability(durability);
            }
            try (Admin admin = common.admin()) {
                TopicDescription topic = admin.createTopic(name, settings);
                if (common.json()) {
                    common.printJson(Views.json(topic));
                } else {
                    common.out().println("created topic " + topic.name() + " (retention " + Views.retention(topic)
                            + ", durability " + Views.durability(topic) + ")");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List topics with their offsets and size.")
    static final class ListTopics implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                List<TopicDescription> topics = admin.listTopics();
                if (common.json()) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    topics.forEach(t -> out.add(Views.json(t)));
                    common.printJson(out);
                    return 0;
                }
                Table table = new Table("TOPIC", "START", "END", "MESSAGES", "BYTES", "RETENTION", "DURABILITY");
                for (TopicDescription t : topics) {
                    table.row(t.name(), t.startOffset(), t.endOffset(), t.messageCount(), t.sizeBytes(),
                            Views.retention(t), Views.durability(t));
                }
                table.print(common.out());
            }
            return 0;
        }
    }

    @Command(name = "describe", description = "Show one topic.")
    static final class Describe implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "TOPIC")
        String name;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                TopicDescription t = admin.describeTopic(name);
                if (common.json()) {
                    common.printJson(Views.json(t));
                    return 0;
                }
                PrintWriter out = common.out();
                out.println("topic:        " + t.name());
                out.println("start offset: " + t.startOffset());
                out.println("end offset:   " + t.endOffset());
                out.println("messages:     " + t.messageCount());
                out.println("size:         " + t.sizeBytes() + " bytes");
                out.println("retention:    " + Views.retention(t));
                out.println("durability:   " + Views.durability(t));
                out.println("created:      " + t.createdAt());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a topic, its messages and its cursors.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "TOPIC")
        String name;

        @Override
        public Integer call() {
            try (Admin admin = common.admin()) {
                admin.deleteTopic(name);
            }
            if (common.json()) {
                common.printJson(Map.of("deleted", name));
            } else {
                common.out().println("deleted topic " + name);
            }
            return 0;
        }
    }
}
