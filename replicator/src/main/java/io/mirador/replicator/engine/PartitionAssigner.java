package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * Decides which worker copies which partition, by measured load (bytes/s), as uReplicator does, rather than
 * blindly like Kafka Connect. Pure logic, no Kafka calls: given the current assignment and loads it returns
 * the next one, moving as little as possible.
 *
 * <p>Rules: partitions that disappeared are dropped; new partitions go to the least-loaded worker (ties: fewer
 * partitions, then lower id); when the busiest worker carries more than {@code overloadFactor} times the
 * mean load, its partitions are moved, biggest first, to the least-loaded worker while that narrows the gap.
 */
final class PartitionAssigner {

    private final int workers;
    private final double overloadFactor;

    PartitionAssigner(int workers, double overloadFactor) {
        this.workers = workers;
        this.overloadFactor = overloadFactor;
    }

    Map<TopicPartition, Integer> assign(Map<TopicPartition, Integer> current, Set<TopicPartition> partitions,
                                        Map<TopicPartition, Double> bytesPerSecond) {
        Map<TopicPartition, Integer> next = new HashMap<>();
        double[] load = new double[workers];
        int[] count = new int[workers];
        for (Map.Entry<TopicPartition, Integer> e : current.entrySet()) {
            if (partitions.contains(e.getKey()) && e.getValue() < workers) {
                next.put(e.getKey(), e.getValue());
                load[e.getValue()] += loadOf(e.getKey(), bytesPerSecond);
                count[e.getValue()]++;
            }
        }
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (!next.containsKey(tp)) {
                fresh.add(tp);
            }
        }
        fresh.sort(Comparator.comparingDouble((TopicPartition tp) -> -loadOf(tp, bytesPerSecond))
                .thenComparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (TopicPartition tp : fresh) {
            int w = leastLoaded(load, count, -1);
            next.put(tp, w);
            load[w] += loadOf(tp, bytesPerSecond);
            count[w]++;
        }
        rebalance(next, load, count, bytesPerSecond);
        return next;
    }

    /** The least-loaded worker other than {@code except}, for moving a stuck partition away. */
    int leastLoadedExcept(Map<TopicPartition, Integer> assignment, Map<TopicPartition, Double> bytesPerSecond, int except) {
        double[] load = new double[workers];
        int[] count = new int[workers];
        assignment.forEach((tp, w) -> {
            load[w] += loadOf(tp, bytesPerSecond);
            count[w]++;
        });
        return workers == 1 ? except : leastLoaded(load, count, except);
    }

    private void rebalance(Map<TopicPartition, Integer> next, double[] load, int[] count,
                           Map<TopicPartition, Double> bytesPerSecond) {
        double total = 0;
        for (double l : load) {
            total += l;
        }
        double mean = total / workers;
        for (int round = 0; round < next.size() && mean > 0; round++) {
            int busiest = busiest(load);
            if (load[busiest] <= overloadFactor * mean) {
                return;
            }
            int idlest = leastLoaded(load, count, busiest);
            double gap = load[busiest] - load[idlest];
            TopicPartition candidate = null;
            double candidateLoad = 0;
            for (Map.Entry<TopicPartition, Integer> e : next.entrySet()) {
                double l = loadOf(e.getKey(), bytesPerSecond);
                // Moving a partition helps only if it is smaller than the gap; take the biggest such one.
                if (e.getValue() == busiest && l < gap && l > candidateLoad) {
                    candidate = e.getKey();
                    candidateLoad = l;
                }
            }
            if (candidate == null) {
                return;
            }
            next.put(candidate, idlest);
            load[busiest] -= candidateLoad;
            load[idlest] += candidateLoad;
            count[busiest]--;
            count[idlest]++;
        }
    }

    private int leastLoaded(double[] load, int[] count, int except) {
        int best = -1;
        for (int w = 0; w < workers; w++) {
            if (w == except) {
                continue;
            }
            if (best < 0 || load[w] < load[best] || (load[w] == load[best] && count[w] < count[best])) {
                best = w;
            }
        }
        return best;
    }

    private static int busiest(double[] load) {
        int best = 0;
        for (int w = 1; w < load.length; w++) {
            if (load[w] > load[best]) {
                best = w;
            }
        }
        return best;
    }

    private static double loadOf(TopicPartition tp, Map<TopicPartition, Double> bytesPerSecond) {
        return bytesPerSecond.getOrDefault(tp, 0.0);
    }
}
