package dev.pingpong.app;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** The JVM and process basics every PingPong program exposes. */
public final class JvmMetrics implements MetricsCollector {

    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    @Override
    public void collect(MetricsWriter out) {
        out.gauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.",
                runtime.getStartTime() / 1000.0);
        if (os instanceof com.sun.management.OperatingSystemMXBean unix) {
            out.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                    unix.getProcessCpuTime() / 1e9);
        }
        out.family("jvm_memory_used_bytes", "gauge", "Used bytes of a JVM memory area.")
                .sample("jvm_memory_used_bytes", "area", "heap", memory.getHeapMemoryUsage().getUsed())
                .sample("jvm_memory_used_bytes", "area", "nonheap", memory.getNonHeapMemoryUsage().getUsed());
        out.gauge("jvm_memory_max_bytes", "Maximum heap size in bytes.", memory.getHeapMemoryUsage().getMax());
        out.gauge("jvm_threads_current", "Live JVM threads.", threads.getThreadCount());
        out.family("jvm_gc_collection_seconds_total", "counter", "Time spent in a garbage collector, in seconds.");
        for (GarbageCollectorMXBean gc : collectors) {
            out.sample("jvm_gc_collection_seconds_total", "gc", gc.getName(), gc.getCollectionTime() / 1000.0);
        }
    }
}
