package io.strand.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.api.FetchRequest;
import io.strand.api.FetchResult;
import io.strand.api.Message;
import io.strand.broker.net.ClientWire;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BrokerMain} as a child process, as {@code ./strand broker} runs it: SIGTERM stops it with exit
 * code 0 and a clean store, a restart finds the data, and start failures exit non-zero with one line.
 */
@Timeout(180)
class BrokerProcessIT {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process broker(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits for the log line BrokerMain writes once the broker has started, then checks the port. */
    private static void awaitListening(Process process, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!read(log).contains("running; stop with") && System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "broker exited early: " + read(log));
            Thread.sleep(100);
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(ignored.isConnected());
        } catch (IOException e) {
            throw new AssertionError("broker did not listen on " + port + " within 60 s: " + read(log), e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void stop(Process process, Path log) throws InterruptedException {
        process.destroy(); // SIGTERM on Linux, to this PID only
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "broker stopped after SIGTERM");
        assertEquals(0, process.exitValue(), read(log));
        assertTrue(read(log).contains("stopped cleanly"), read(log));
    }

    @Test
    void sigtermStopsWithExitZeroAndARestartFindsTheMessage() throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();
        int adminPort = freePort();
        Path log1 = dir.resolve("first.log");
        Process first = broker(log1, "--data", data.toString(), "--port", String.valueOf(port),
                "--admin-port", String.valueOf(adminPort));
        awaitListening(first, port, log1);
        try (ClientWire.Client client = ClientWire.FRAMED_BINARY.connect(port)) {
            client.api().publish(new Message("events", ByteBuffer.wrap("kept".getBytes(StandardCharsets.UTF_8))));
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("broker_")), metrics.body());
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("storage_")), metrics.body());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        String startup = read(log1);
        assertTrue(startup.contains("listening on 127.0.0.1:" + port) && startup.contains("durability fsync")
                && startup.contains("recovered 0 topics and 0 subscriptions"), startup);

        Path log2 = dir.resolve("second.log");
        Process second = broker(log2, "--data", data.toString(), "--port", "0", "--admin-port", "-1");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second broker on the same directory exits");
        assertEquals(1, second.exitValue(), read(log2));
        assertTrue(read(log2).contains("strand broker: data directory " + data + " is in use by another"), read(log2));

        StringWriter checkOut = new StringWriter();
        StringWriter checkErr = new StringWriter();
        assertEquals(2, CheckMain.run(new PrintWriter(checkOut, true), new PrintWriter(checkErr, true),
                "--data", data.toString()), "strand check refuses a directory a running broker holds");
        assertTrue(checkErr.toString().contains("while a Strand broker holds it"), checkErr.toString());

        stop(first, log1);

        checkOut.getBuffer().setLength(0);
        assertEquals(0, CheckMain.run(new PrintWriter(checkOut, true), new PrintWriter(checkErr, true),
                "--data", data.toString()), checkErr.toString());
        assertTrue(checkOut.toString().contains(": clean") && checkOut.toString().contains("topic 'events'"),
                checkOut.toString());

        int port3 = freePort();
        Path log3 = dir.resolve("third.log");
        Process third = broker(log3, "--data", data.toString(), "--port", String.valueOf(port3), "--admin-port", "-1");
        awaitListening(third, port3, log3);
        assertTrue(read(log3).contains("recovered 1 topics"), read(log3));
        try (ClientWire.Client client = ClientWire.UNFRAMED_BINARY.connect(port3)) {
            FetchResult result = client.api().fetch(new FetchRequest().setTopic("events").setOffset(0));
            assertEquals(1, result.getMessagesSize());
            assertEquals("kept", StandardCharsets.UTF_8.decode(result.getMessages().get(0).bufferForData()).toString());
        }
        stop(third, log3);
    }

    @Test
    void anInvalidSettingExitsWithCode2AndOneLineNamingIt() throws Exception {
        Path log = dir.resolve("bad.log");
        Process bad = broker(log, "--data", dir.resolve("data").toString(), "--port", "99999");
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue(), read(log));
        assertEquals("strand broker: invalid value '99999' for port: allowed: integer from 0 to 65535",
                read(log).strip());
    }
}
