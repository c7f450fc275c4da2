package io.mirador.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of the threads a contender starts in this JVM (its pipe or workers, its clients' I/O threads, its
 * admin clients), summed: every thread born after {@link #start} except this meter's own. The brokers' threads
 * were born before, so they are left out. A far steadier figure than elapsed time on a shared machine: other
 * processes' load stretches the wall clock much more than the CPU a copy needs. Sampled every
 * {@value #SAMPLE_MS} ms, so a thread that ends loses at most that much of its time.
 */
final class ThreadCpu {

    private static final long SAMPLE_MS = 10;

    /** A contender whose copy runs outside this JVM reports its own CPU time instead. */
    interface Reporting {

        /** CPU milliseconds of the last copy. */
        double lastCpuMs();
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<Long> before = new HashSet<>();
    private final Map<Long, Long> cpuNanos = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread sampler;

    /** Starts metering; everything alive now is someone else's. */
    ThreadCpu start() {
        for (long id : threads.getAllThreadIds()) {
            before.add(id);
        }
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-thread-cpu");
        sampler.setDaemon(true);
        before.add(sampler.getId());
        sampler.start();
        return this;
    }

    /** Stops metering; the CPU milliseconds of the threads born since {@link #start}. */
    double stopMs() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        sample();
        return cpuNanos.values().stream().mapToLong(Long::longValue).sum() / 1e6;
    }

    private void sample() {
        for (long id : threads.getAllThreadIds()) {
            if (!before.contains(id)) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos > 0) {
                    cpuNanos.merge(id, nanos, Math::max);
                }
            }
        }
    }
}
