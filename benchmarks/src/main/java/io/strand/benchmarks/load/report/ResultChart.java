package io.strand.benchmarks.load.report;

import io.strand.benchmarks.load.sut.Workload;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A PNG with two bar charts side by side: throughput (W1, W2, W4, W5 delivered) and p99 latency (W3,
 * W5), one bar per system. A system's first mode of a workload is category {@code Wn}; further modes
 * (Strand's W1 in {@code wal}) get a category of their own, {@code Wn mode}.
 */
public final class ResultChart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private ResultChart() {
    }

    public static void write(List<Result> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart throughput = chart("Throughput (higher is better)", "msgs/s", results,
                List.of(Workload.W1, Workload.W2, Workload.W4, Workload.W5), Result::msgsPerSec);
        CategoryChart latency = chart("p99 latency, µs (lower is better)", "µs", results,
                List.of(Workload.W3, Workload.W5),
                r -> r.latency().map(l -> OptionalDouble.of(l.p99Us())).orElse(OptionalDouble.empty()));
        BufferedImage image = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 2 * WIDTH, HEIGHT);
            g.drawImage(BitmapEncoder.getBufferedImage(throughput), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(latency), WIDTH, 0, null);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** Series = system, categories = workloads (plus extra modes); a missing bar is 0. */
    static CategoryChart chart(String title, String yTitle, List<Result> results, List<Workload> workloads,
                               Function<Result, OptionalDouble> value) {
        Map<String, Map<String, Double>> bySystem = new LinkedHashMap<>();
        Set<String> categories = new LinkedHashSet<>();
        for (Workload w : workloads) {
            for (Result r : results) {
                if (r.workload() != w || r.failed()) {
                    continue;
                }
                OptionalDouble v = value.apply(r);
                if (v.isEmpty()) {
                    continue;
                }
                Map<String, Double> values = bySystem.computeIfAbsent(r.system(), s -> new LinkedHashMap<>());
                String category = values.containsKey(w.name()) ? w.name() + " " + r.mode().name() : w.name();
                values.putIfAbsent(category, v.getAsDouble());
                categories.add(category);
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("workload").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> xs = new ArrayList<>(categories);
        if (xs.isEmpty()) {
            chart.addSeries("no data", List.of("-"), List.of(0));
            return chart;
        }
        for (Map.Entry<String, Map<String, Double>> system : bySystem.entrySet()) {
            List<Number> ys = new ArrayList<>();
            for (String x : xs) {
                ys.add(system.getValue().getOrDefault(x, 0.0));
            }
            chart.addSeries(system.getKey(), xs, ys);
        }
        return chart;
    }
}
