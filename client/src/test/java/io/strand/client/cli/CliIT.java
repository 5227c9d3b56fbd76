package io.strand.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.client.TestBroker;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code strand} command, run in-process against one real broker. */
@Timeout(60)
class CliIT {

    @TempDir
    static Path dataDir;

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }

        Object json() {
            return JsonParser.parse(out.trim());
        }

        List<Map<String, Object>> jsonLines() {
            List<Map<String, Object>> out = new ArrayList<>();
            lines().forEach(line -> out.add(JsonParser.object(line)));
            return out;
        }
    }

    private static Result run(String... args) {
        return runWithInput("", args);
    }

    private static Result runWithInput(String stdin, String... args) {
        return runIn(new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
    }

    private static Result runIn(CliContext context, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--broker");
        all.add(broker.address());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StrandCli.commandLine(context).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + " failed: " + r.err());
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void createsListsDescribesAndDeletesTopics() {
        Result created = ok("topics", "create", "cli.topics", "--retention-ms", "60000", "--durability", "fsync");
        assertTrue(created.out().startsWith("created topic cli.topics"), created.out());

        Result again = run("topics", "create", "cli.topics");
        assertEquals(ExitCodes.BROKER_ERROR, again.code());
        assertTrue(again.err().startsWith("error: TOPIC_EXISTS: "), again.err());

        List<Object> listed = (List<Object>) ok("topics", "list", "--json").json();
        assertTrue(listed.stream().anyMatch(t -> "cli.topics".equals(((Map<String, Object>) t).get("name"))));
        assertTrue(ok("topics", "list").out().lines().anyMatch(l -> l.startsWith("cli.topics ")));

        Map<String, Object> described = (Map<String, Object>) ok("topics", "describe", "cli.topics", "--json").json();
        assertEquals(60000L, described.get("retentionMs"));
        assertEquals("fsync", described.get("durability"));
        assertEquals(0L, described.get("endOffset"));
        assertTrue(ok("topics", "describe", "cli.topics").out().contains("retention:    60000 ms"));

        assertEquals("deleted topic cli.topics\n", ok("topics", "delete", "cli.topics").out());
        Result gone = run("topics", "describe", "cli.topics");
        assertEquals(ExitCodes.BROKER_ERROR, gone.code());
        assertTrue(gone.err().startsWith("error: UNKNOWN_TOPIC: "), gone.err());
    }

    @Test
    void publishesArgumentsAndStandardInputAndPrintsEachOffset() {
        assertEquals(List.of("0", "1"), ok("publish", "cli.publish", "first", "second").lines());
        Result fromStdin = runWithInput("third\nfourth\nfifth\n", "publish", "cli.publish");
        assertEquals(0, fromStdin.code(), fromStdin.err());
        assertEquals(List.of("2", "3", "4"), fromStdin.lines());

        List<Map<String, Object>> acks = ok("publish", "cli.publish", "--key", "k1", "--header", "source=test",
                "--json", "sixth").jsonLines();
        assertEquals(5L, acks.get(0).get("offset"));

        List<Map<String, Object>> replayed = ok("replay", "cli.publish", "--json").jsonLines();
        assertEquals(List.of("first", "second", "third", "fourth", "fifth", "sixth"),
                replayed.stream().map(m -> m.get("data")).toList());
        assertEquals("k1", replayed.get(5).get("key"));
        assertEquals(Map.of("source", "test"), replayed.get(5).get("headers"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishesACountAtARateAndSummarises() {
        Map<String, Object> summary = (Map<String, Object>) ok("publish", "cli.load", "--count", "200", "--rate", "100000",
                "--json").json();
        assertEquals(200L, summary.get("published"));
        assertEquals(0L, summary.get("failed"));
        assertEquals(199L, summary.get("lastOffset"));
        assertTrue(ok("publish", "cli.load", "--count", "10", "x").out().startsWith("published 10 message(s) to cli.load"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscribeTwiceWithTheSameNameContinuesWhereTheFirstRunStopped() {
        ok("publish", "cli.sub", "a", "b", "c");
        List<String> firstRun = ok("subscribe", "cli.sub", "--name", "reader", "--from", "earliest").lines();
        assertEquals(3, firstRun.size());
        assertTrue(firstRun.get(0).startsWith("cli.sub\t0\t"), firstRun.get(0));
        assertTrue(firstRun.get(2).endsWith("\t-\tc"), firstRun.get(2));

        assertEquals(List.of(), ok("subscribe", "cli.sub", "--name", "reader").lines());
        ok("publish", "cli.sub", "d");
        List<Map<String, Object>> thirdRun = ok("subscribe", "cli.sub", "--name", "reader", "--json").jsonLines();
        assertEquals(1, thirdRun.size());
        assertEquals("d", thirdRun.get(0).get("data"));
        assertEquals(3L, thirdRun.get(0).get("offset"));

        List<Object> subscriptions = (List<Object>) ok("subscriptions", "list", "--json").json();
        Map<String, Object> reader = subscriptions.stream().map(s -> (Map<String, Object>) s)
                .filter(s -> "reader".equals(s.get("name"))).findFirst().orElseThrow();
        Map<String, Object> cursor = ((List<Map<String, Object>>) reader.get("cursors")).get(0);
        assertEquals(4L, cursor.get("committedOffset"));
        assertEquals(0L, cursor.get("lagMessages"));
        assertEquals("pull", reader.get("mode"));
    }

    @Test
    void followKeepsPrintingNewMessagesUntilStopped() throws Exception {
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]));
        CompletableFuture<Result> following = CompletableFuture.supplyAsync(
                () -> runIn(context, "subscribe", "cli.follow", "--name", "follower", "--from", "earliest", "--follow"));
        ok("publish", "cli.follow", "one");
        Thread.sleep(300);
        ok("publish", "cli.follow", "two");
        io.strand.client.Await.until(java.time.Duration.ofSeconds(20), () -> committedOf("follower") == 2,
                () -> "follower committed both");
        context.stop();
        Result r = following.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.lines().size(), r.out());
        assertTrue(r.lines().get(1).endsWith("\ttwo"));
    }

    @SuppressWarnings("unchecked")
    private static long committedOf(String subscription) {
        Result r = run("subscriptions", "describe", subscription, "--json");
        if (r.code() != 0) {
            return -1;
        }
        List<Map<String, Object>> cursors = (List<Map<String, Object>>) ((Map<String, Object>) r.json()).get("cursors");
        return cursors.isEmpty() ? -1 : (Long) cursors.get(0).get("committedOffset");
    }

    @Test
    void replaysARangeWithoutTouchingSubscriptions() {
        ok("publish", "cli.replay", "r0", "r1", "r2", "r3", "r4");
        List<String> range = ok("replay", "cli.replay", "--from", "1", "--to", "offset:3").lines();
        assertEquals(2, range.size());
        assertTrue(range.get(0).startsWith("cli.replay\t1\t") && range.get(1).endsWith("\tr2"), range.toString());
        assertEquals(5, ok("replay", "cli.replay", "--from", "earliest").lines().size());
        assertEquals(0, ok("replay", "cli.replay", "--from", "latest").lines().size());
        assertEquals(5, ok("replay", "cli.replay", "--from", "time:2000-01-01T00:00:00Z").lines().size());
        assertEquals(0, ok("replay", "cli.replay", "--from", "time:2999-01-01T00:00:00Z").lines().size());
        Result list = ok("subscriptions", "list", "--json");
        assertFalse(list.out().contains("cli.replay"), "replay created no subscription: " + list.out());
    }

    @Test
    void seeksDescribesAndDeletesSubscriptions() {
        ok("publish", "cli.seek", "s0", "s1", "s2", "s3");
        assertEquals(4, ok("subscribe", "cli.seek", "--name", "seeker", "--from", "earliest").lines().size());
        assertTrue(ok("subscriptions", "list").out().lines()
                .anyMatch(l -> l.matches("seeker\\s+pull\\s+(yes|no)\\s+cli\\.seek\\s+4\\s+4\\s+0\\s+0")), ok("subscriptions", "list").out());

        assertEquals("moved seeker on cli.seek to offset:2\n",
                ok("subscriptions", "seek", "seeker", "--topic", "cli.seek", "--to", "offset:2").out());
        assertTrue(ok("subscriptions", "describe", "seeker").out().contains("lag:          2 message(s)"));
        List<String> again = ok("subscribe", "cli.seek", "--name", "seeker").lines();
        assertEquals(2, again.size());
        assertTrue(again.get(0).endsWith("\ts2"), again.toString());

        ok("subscriptions", "delete", "seeker");
        Result gone = run("subscriptions", "describe", "seeker");
        assertEquals(ExitCodes.BROKER_ERROR, gone.code());
        assertTrue(gone.err().startsWith("error: UNKNOWN_SUBSCRIPTION: "), gone.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoSaysTheBrokerIsHealthy() {
        Map<String, Object> info = (Map<String, Object>) ok("info", "--json").json();
        assertEquals(true, info.get("healthy"));
        assertTrue(ok("info").out().contains("healthy:            yes"));
    }

    @Test
    void brokerErrorsExitWithOneAndUsageErrorsWithTwo() {
        Result unknown = run("replay", "cli.nothing-here");
        assertEquals(ExitCodes.BROKER_ERROR, unknown.code());
        assertTrue(unknown.err().startsWith("error: UNKNOWN_TOPIC: "), unknown.err());
        Result badName = run("topics", "create", "bad name!");
        assertEquals(ExitCodes.BROKER_ERROR, badName.code());
        assertTrue(badName.err().startsWith("error: INVALID_TOPIC_NAME: "), badName.err());
        assertEquals(ExitCodes.USAGE, run("subscribe", "cli.sub").code(), "--name is required");
    }
}
