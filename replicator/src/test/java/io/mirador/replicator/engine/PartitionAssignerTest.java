package io.mirador.replicator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionAssignerTest {

    private static Set<TopicPartition> partitions(String topic, int n) {
        Set<TopicPartition> set = new HashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(new TopicPartition(topic, i));
        }
        return set;
    }

    private static int[] counts(Map<TopicPartition, Integer> assignment, int workers) {
        int[] counts = new int[workers];
        assignment.values().forEach(w -> counts[w]++);
        return counts;
    }

    @Test
    void newPartitionsWithoutLoadAreSpreadEvenly() {
        Map<TopicPartition, Integer> a = new PartitionAssigner(3, 1.5).assign(Map.of(), partitions("t", 9), Map.of());
        assertThat(a).hasSize(9);
        assertThat(counts(a, 3)).containsExactly(3, 3, 3);
    }

    @Test
    void existingAssignmentsStayWhenBalanced() {
        PartitionAssigner assigner = new PartitionAssigner(2, 1.5);
        Map<TopicPartition, Integer> first = assigner.assign(Map.of(), partitions("t", 4), Map.of());
        Set<TopicPartition> more = partitions("t", 6);
        Map<TopicPartition, Integer> second = assigner.assign(first, more, Map.of());
        first.forEach((tp, w) -> assertThat(second.get(tp)).isEqualTo(w));
        assertThat(counts(second, 2)).containsExactly(3, 3);
    }

    @Test
    void overloadedWorkerGivesAwayPartitionsByMeasuredLoad() {
        Map<TopicPartition, Integer> current = new HashMap<>();
        Map<TopicPartition, Double> load = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            TopicPartition tp = new TopicPartition("hot", i);
            current.put(tp, 0);
            load.put(tp, 1000.0 * (i + 1));
        }
        current.put(new TopicPartition("cold", 0), 1);
        load.put(new TopicPartition("cold", 0), 10.0);
        Map<TopicPartition, Integer> next = new PartitionAssigner(2, 1.2).assign(current, current.keySet(), load);
        double[] perWorker = new double[2];
        next.forEach((tp, w) -> perWorker[w] += load.get(tp));
        assertThat(Math.max(perWorker[0], perWorker[1]) / Math.min(perWorker[0], perWorker[1])).isLessThan(1.5);
    }

    @Test
    void removedPartitionsAreDropped() {
        PartitionAssigner assigner = new PartitionAssigner(2, 1.5);
        Map<TopicPartition, Integer> first = assigner.assign(Map.of(), partitions("t", 4), Map.of());
        Map<TopicPartition, Integer> next = assigner.assign(first, partitions("t", 2), Map.of());
        assertThat(next).containsOnlyKeys(partitions("t", 2));
    }

    @Test
    void stuckPartitionMovesToAnotherWorker() {
        PartitionAssigner assigner = new PartitionAssigner(3, 1.5);
        Map<TopicPartition, Integer> a = assigner.assign(Map.of(), partitions("t", 3), Map.of());
        assertThat(assigner.leastLoadedExcept(a, Map.of(), 1)).isNotEqualTo(1).isBetween(0, 2);
    }
}
