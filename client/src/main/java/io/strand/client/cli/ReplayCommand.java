package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.OffsetOutOfRangeException;
import io.strand.client.ReceivedMessage;
import io.strand.client.StartPosition;
import io.strand.client.TopicDescription;
import io.strand.client.TopicRead;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strand replay TOPIC --from POS [--to POS]}: prints the messages in [from, to) with stateless
 * reads by offset — no subscription is created or moved. {@code --to} defaults to the end of the log
 * when the command starts, so it always terminates. A start below the log start (trimmed by
 * retention) is clamped to it.
 */
@Command(name = "replay", description = "Print a topic's history without touching any subscription.")
final class ReplayCommand implements Callable<Integer> {

    private static final int READ_MESSAGES = 500;
    private static final int READ_BYTES = 1 << 20;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "TOPIC")
    String topic;

    @Option(names = "--from", paramLabel = "POSITION", converter = PositionConverter.class, defaultValue = "earliest",
            description = "First message: " + PositionConverter.FORMS + " (default: ${DEFAULT-VALUE}).")
    StartPosition from;

    @Option(names = "--to", paramLabel = "POSITION", converter = PositionConverter.class,
            description = "Stop before this position (exclusive; default: the end of the log now).")
    StartPosition to;

    @Override
    public Integer call() {
        try (Admin admin = common.admin()) {
            TopicDescription t = admin.describeTopic(topic);
            long offset = Math.max(resolve(admin, t, from), t.startOffset());
            long end = to == null ? t.endOffset() : resolve(admin, t, to);
            while (offset < end) {
                TopicRead read;
                try {
                    read = admin.read(topic, offset, (int) Math.min(READ_MESSAGES, end - offset), READ_BYTES);
                } catch (OffsetOutOfRangeException e) {
                    if (e.logStartOffset().isPresent() && e.logStartOffset().getAsLong() > offset) {
                        offset = e.logStartOffset().getAsLong(); // trimmed while we read: skip ahead
                        continue;
                    }
                    throw e;
                }
                if (read.messages().isEmpty()) {
                    break;
                }
                for (ReceivedMessage m : read.messages()) {
                    if (m.offset() >= end) {
                        break;
                    }
                    print(m);
                }
                offset = read.nextOffset();
            }
        }
        common.out().flush();
        return 0;
    }

    private static long resolve(Admin admin, TopicDescription t, StartPosition p) {
        return switch (p.kind()) {
            case EARLIEST -> t.startOffset();
            case LATEST -> t.endOffset();
            case OFFSET -> p.value();
            case TIMESTAMP -> admin.offsetForTime(t.name(), java.time.Instant.ofEpochMilli(p.value()));
        };
    }

    private void print(ReceivedMessage m) {
        if (common.json()) {
            common.out().println(Json.write(Views.json(m)));
        } else {
            common.out().println(Views.line(m));
        }
    }
}
