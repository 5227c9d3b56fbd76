package io.strand.benchmarks.load.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.Workload;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultChartTest {

    @Test
    void writesOnePngWithBothPanelsEvenWhenSomeBarsAreMissing(@TempDir Path dir) throws Exception {
        Mode fsync = new Mode("fsync", "per-ack", "fsync");
        Mode kafka = new Mode("default", "none", "no fsync");
        List<Result> results = List.of(
                Result.throughput("strand", Workload.W1, fsync, 100, 100, 1.0),
                Result.throughput("strand", Workload.W1, new Mode("wal", "none", "wal"), 200, 100, 1.0),
                Result.throughput("kafka", Workload.W1, kafka, 150, 100, 1.0),
                Result.throughput("kafka", Workload.W3, kafka, 10, 100, 1.0)
                        .withLatency(new LatencySummary(10, 5, 50, 60, 70)),
                Result.failed("strand", Workload.W3, fsync, "broke"));
        Path png = dir.resolve("chart.png");

        ResultChart.write(results, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(500, image.getHeight());
    }
}
