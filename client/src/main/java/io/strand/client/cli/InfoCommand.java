package io.strand.client.cli;

import io.strand.client.Admin;
import io.strand.client.BrokerDescription;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strand info}: what the broker says about itself. */
@Command(name = "info", description = "Show the broker's version, health and limits.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (Admin admin = common.admin()) {
            BrokerDescription b = admin.info();
            if (common.json()) {
                common.printJson(Views.json(b));
                return 0;
            }
            PrintWriter out = common.out();
            out.println("broker:             " + common.clientOptions().broker());
            out.println("version:            " + b.version());
            out.println("healthy:            " + (b.healthy() ? "yes" : "NO: " + b.storageStatus()));
            out.println("default durability: " + b.defaultDurability().name().toLowerCase());
            out.println("topics:             " + b.topics());
            out.println("subscriptions:      " + b.subscriptions());
            out.println("uptime:             " + b.uptime().withNanos(0));
            out.println("max message bytes:  " + b.maxMessageBytes());
            out.println("max batch messages: " + b.maxBatchMessages());
            out.flush();
        }
        return 0;
    }
}
