package io.strand.benchmarks.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker metrics that show what a sync costs and how group commit batches, read from the admin
 * port's {@code /metrics.json} (Dropwizard JSON: timers in milliseconds). Counts start at 0 with every
 * broker process, so one snapshot covers one broker life.
 *
 * <ul>
 *   <li>{@code storage.sync.latency} (Timer): one synced group write (RocksDB write + WAL fsync);</li>
 *   <li>{@code storage.group.size} (Histogram): requests — appends and cursor/producer tasks — per group;</li>
 *   <li>{@code broker.publish.latency} (Timer): acknowledged publish requests;</li>
 *   <li>{@code storage.append.records} (Meter): records appended (duplicates not counted);</li>
 *   <li>{@code storage.append.latency} (Timer): from queueing an append until its future completes.</li>
 * </ul>
 *
 * @param syncs           synced group writes
 * @param syncMeanMs      mean time of one
 * @param groups          groups committed
 * @param groupMean       mean requests per group
 * @param groupMax        most requests in one group (of the histogram's sample)
 * @param publishRequests acknowledged publish requests
 * @param appendedRecords records appended
 * @param appendMeanMs    mean append latency
 */
record BrokerMetrics(long syncs, double syncMeanMs, long groups, double groupMean, long groupMax,
                     long publishRequests, long appendedRecords, double appendMeanMs) {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    static final BrokerMetrics NONE = new BrokerMetrics(0, 0, 0, 0, 0, 0, 0, 0);

    /** Reads the metrics of the broker whose admin HTTP listens on {@code adminPort}; empty if it cannot. */
    static Optional<BrokerMetrics> scrape(int adminPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics.json"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(parse(response.body())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Parses Dropwizard's JSON; a metric or field that is absent reads as 0. */
    static BrokerMetrics parse(String json) {
        return new BrokerMetrics(
                (long) field(json, "storage.sync.latency", "count"),
                field(json, "storage.sync.latency", "mean"),
                (long) field(json, "storage.group.size", "count"),
                field(json, "storage.group.size", "mean"),
                (long) field(json, "storage.group.size", "max"),
                (long) field(json, "broker.publish.latency", "count"),
                (long) field(json, "storage.append.records", "count"),
                field(json, "storage.append.latency", "mean"));
    }

    /**
     * One numeric field of one metric. Every Dropwizard metric serialises as a flat object
     * ({@code "name":{"count":1,"mean":0.5,...}}), so its fields end at the first closing brace.
     */
    static double field(String json, String metric, String field) {
        String start = "\"" + metric + "\":{";
        int from = json.indexOf(start);
        if (from < 0) {
            return 0;
        }
        int to = json.indexOf('}', from);
        String body = json.substring(from + start.length(), to < 0 ? json.length() : to);
        String key = "\"" + field + "\":";
        int at = body.indexOf(key);
        if (at < 0) {
            return 0;
        }
        Matcher m = NUMBER.matcher(body).region(at + key.length(), body.length());
        return m.lookingAt() ? Double.parseDouble(m.group()) : 0;
    }

    /** The sum of two lives: counts add, means are weighted by their counts, maxima take the larger. */
    BrokerMetrics plus(BrokerMetrics o) {
        return new BrokerMetrics(syncs + o.syncs, weighted(syncMeanMs, syncs, o.syncMeanMs, o.syncs),
                groups + o.groups, weighted(groupMean, groups, o.groupMean, o.groups), Math.max(groupMax, o.groupMax),
                publishRequests + o.publishRequests, appendedRecords + o.appendedRecords,
                weighted(appendMeanMs, publishRequests, o.appendMeanMs, o.publishRequests));
    }

    private static double weighted(double a, long na, double b, long nb) {
        return na + nb == 0 ? 0 : (a * na + b * nb) / (na + nb);
    }
}
