package io.mirador.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap of this whole JVM (the broker included, as in the desktop app's sandbox), per phase, in two views:
 * <ul>
 *   <li>peak used, sampled every {@value #PERIOD_MS} ms and taken just before each collection: what the heap
 *       actually held, garbage included. With {@code -Xmx512m} it cannot exceed 512 MB, so what it shows is how
 *       close to that ceiling the phase went (and that it ran without {@link OutOfMemoryError});</li>
 *   <li>peak after GC, from the collectors' notifications: what the work kept alive.</li>
 * </ul>
 */
final class HeapWatch implements AutoCloseable {

    static final long PERIOD_MS = 50;
    private static final double MB = 1024.0 * 1024.0;

    /** Peaks of one phase in MB; {@code afterGcMb} is NaN when no collection ran in it. */
    record Peak(double usedMb, double afterGcMb, int collections) {
    }

    /** One recorded stretch of the run; phases may overlap (the whole run, and a search inside it). */
    final class Phase {
        private long used = heapUsed();
        private long afterGc = -1;
        private int collections;

        private synchronized void sample(long now) {
            used = Math.max(used, now);
        }

        private synchronized void collected(long before, long live) {
            used = Math.max(used, before);
            afterGc = Math.max(afterGc, live);
            collections++;
        }

        synchronized Peak peak() {
            used = Math.max(used, heapUsed());
            return new Peak(used / MB, afterGc < 0 ? Double.NaN : afterGc / MB, collections);
        }

        /** The peaks, and stops recording. */
        Peak end() {
            open.remove(this);
            return peak();
        }
    }

    private final Thread sampler = new Thread(this::sample, "heap-watch");
    private final List<Phase> open = new CopyOnWriteArrayList<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final NotificationListener gcListener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            collected(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
        }
    };
    private volatile boolean closed;

    HeapWatch() {
        sampler.setDaemon(true);
        sampler.start();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(gcListener, null, null);
            }
        }
    }

    static double maxHeapMb() {
        return Runtime.getRuntime().maxMemory() / MB;
    }

    /** Starts recording a phase. */
    Phase begin() {
        Phase phase = new Phase();
        open.add(phase);
        return phase;
    }

    private void collected(GarbageCollectionNotificationInfo info) {
        // Just before the collection the heap was this full: a peak the 50 ms sampling may have missed.
        long before = heapSum(info.getGcInfo().getMemoryUsageBeforeGc());
        long live = heapSum(info.getGcInfo().getMemoryUsageAfterGc());
        for (Phase phase : open) {
            phase.collected(before, live);
        }
    }

    /** The GC's figures cover every pool, metaspace and code cache too: only heap pools count. */
    private long heapSum(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                sum += pool.getValue().getUsed();
            }
        }
        return sum;
    }

    private void sample() {
        while (!closed) {
            long now = heapUsed();
            for (Phase phase : open) {
                phase.sample(now);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
        }
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Override
    public void close() {
        closed = true;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(gcListener);
                } catch (ListenerNotFoundException e) {
                    // not registered on this collector: nothing to remove
                }
            }
        }
    }
}
