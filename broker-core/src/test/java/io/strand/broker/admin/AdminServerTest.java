package io.strand.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private final MetricRegistry metrics = new MetricRegistry();
    private final AtomicReference<Health> health = new AtomicReference<>(new Health(true, Map.of()));
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;

    @BeforeEach
    void start() {
        metrics.meter("broker.publish.messages").mark(3);
        metrics.register("broker.connections.active", (Gauge<Integer>) () -> 7);
        metrics.timer("broker.publish.latency").update(2, TimeUnit.MILLISECONDS);
        server = AdminServer.start("127.0.0.1", 0, metrics, health::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String body = response.body();
        assertTrue(body.contains("broker_publish_messages_total 3.0"), body);
        assertTrue(body.contains("broker_connections_active 7.0"), body);
        assertTrue(body.contains("# TYPE broker_publish_latency summary"), body);
    }

    @Test
    void metricsAreServedAsJson() throws Exception {
        HttpResponse<String> response = get("/metrics.json");
        assertEquals(200, response.statusCode());
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals(3, json.at("/meters/broker.publish.messages/count").asInt());
        assertEquals(7, json.at("/gauges/broker.connections.active/value").asInt());
        assertEquals(1, json.at("/timers/broker.publish.latency/count").asInt());
    }

    @Test
    void healthIs200WhenUpAnd503WithTheReasonWhenDown() throws Exception {
        HttpResponse<String> up = get("/health");
        assertEquals(200, up.statusCode());
        assertEquals("UP", new ObjectMapper().readTree(up.body()).get("status").asText());

        health.set(new Health(false, Map.of("storage", "disk full")));
        HttpResponse<String> down = get("/health");
        assertEquals(503, down.statusCode());
        JsonNode json = new ObjectMapper().readTree(down.body());
        assertEquals("DOWN", json.get("status").asText());
        assertEquals("disk full", json.get("storage").asText());
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/nope").statusCode());
        assertEquals(404, get("/metricsx").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
