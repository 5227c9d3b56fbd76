package io.strand.broker.admin;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.json.MetricsModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP port (JDK {@code com.sun.net.httpserver}, two threads):
 * <ul>
 *   <li>{@code GET /metrics} — every metric of the registry in the Prometheus text format (OpenMetrics
 *       if the scraper asks for it), bridged by Prometheus' {@code DropwizardExports}: dots become
 *       underscores, meters and counters get {@code _total}, timers are summaries in seconds;</li>
 *   <li>{@code GET /metrics.json} — the same registry as Dropwizard's JSON (rates per second,
 *       durations in milliseconds);</li>
 *   <li>{@code GET /health} — 200 {@code {"status":"UP",...}} or 503 {@code {"status":"DOWN",...}}
 *       with the reason, from the supplied {@link Health} check.</li>
 * </ul>
 * It reads the registry and the health check and nothing else; it must not depend on the service,
 * storage or transport packages.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private AdminServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (0 = any free port) and starts serving.
     *
     * @throws UncheckedIOException with a message a user can act on when the address cannot be bound
     */
    public static AdminServer start(String host, int port, MetricRegistry metrics, Supplier<Health> health) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        } catch (BindException e) {
            throw new UncheckedIOException("cannot listen for admin HTTP on " + host + ":" + port + ": "
                    + e.getMessage() + " (choose another --admin-port, or -1 to turn it off)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for admin HTTP on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        CollectorRegistry prometheus = new CollectorRegistry();
        prometheus.register(new DropwizardExports(metrics));
        ObjectMapper json = new ObjectMapper()
                .registerModule(new MetricsModule(TimeUnit.SECONDS, TimeUnit.MILLISECONDS, false));

        server.createContext("/metrics", get(exchange -> prometheusText(exchange, prometheus)));
        server.createContext("/metrics.json", get(exchange ->
                respond(exchange, 200, "application/json", json.writeValueAsBytes(metrics))));
        server.createContext("/health", get(exchange -> {
            Health h = health.get();
            respond(exchange, h.up() ? 200 : 503, "application/json", json.writeValueAsBytes(h.body()));
        }));
        server.createContext("/", get(exchange ->
                respond(exchange, 404, "text/plain; charset=utf-8",
                        "not found; try /metrics, /metrics.json or /health\n".getBytes(StandardCharsets.UTF_8))));

        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "strand-admin-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new AdminServer(server, executor);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void prometheusText(HttpExchange exchange, CollectorRegistry registry) throws IOException {
        String contentType = TextFormat.chooseContentType(exchange.getRequestHeaders().getFirst("Accept"));
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        try (Writer writer = new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8)) {
            TextFormat.writeFormat(contentType, writer, registry.metricFamilySamples());
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    /** Only GET and HEAD; exact paths (the JDK server matches contexts by prefix). */
    private static HttpHandler get(Handler handler) {
        return exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                if (!path.equals(exchange.getHttpContext().getPath()) && !exchange.getHttpContext().getPath().equals("/")) {
                    respond(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    respond(exchange, 405, "text/plain; charset=utf-8", "use GET\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("admin HTTP request {} failed: {}", exchange.getRequestURI(), e.toString());
            }
        };
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
