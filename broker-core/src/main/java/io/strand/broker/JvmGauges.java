package io.strand.broker;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/** A few cheap JVM gauges next to the broker's own, read from the platform MXBeans on each scrape. */
final class JvmGauges {

    private JvmGauges() {
    }

    static void register(MetricRegistry registry) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        registry.register("jvm.memory.heap.used.bytes", (Gauge<Long>) () -> memory.getHeapMemoryUsage().getUsed());
        registry.register("jvm.memory.heap.max.bytes", (Gauge<Long>) () -> memory.getHeapMemoryUsage().getMax());
        registry.register("jvm.memory.nonheap.used.bytes", (Gauge<Long>) () -> memory.getNonHeapMemoryUsage().getUsed());
        registry.register("jvm.threads.live", (Gauge<Integer>) threads::getThreadCount);
        registry.register("jvm.gc.collections", (Gauge<Long>) () -> ManagementFactory.getGarbageCollectorMXBeans()
                .stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum());
        registry.register("jvm.gc.time.ms", (Gauge<Long>) () -> ManagementFactory.getGarbageCollectorMXBeans()
                .stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum());
    }
}
