package dev.pingpong.operator.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The highest heap use of this JVM while it is open. The heap is fullest just before a collection, so the peak is
 * the largest heap total seen before any collection (or now). The pools' own peak usages would not do: each pool
 * peaks at its own moment (eden just before a young collection, old gen much later), and their sum is a heap that
 * never existed.
 */
final class HeapPeak implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(pool -> pool.getName()).collect(Collectors.toSet());
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            record(info.getGcInfo().getMemoryUsageBeforeGc());
        }
    };

    HeapPeak() {
        ManagementFactory.getGarbageCollectorMXBeans().forEach(collector ->
                ((NotificationEmitter) collector).addNotificationListener(listener, null, null));
    }

    /** The peak so far, the current use included. */
    long bytes() {
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        return peak.get();
    }

    private void record(Map<String, MemoryUsage> byPool) {
        long total = byPool.entrySet().stream().filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        peak.accumulateAndGet(total, Math::max);
    }

    @Override
    public void close() {
        ManagementFactory.getGarbageCollectorMXBeans().forEach(collector -> {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
