package io.mirador.cluster.topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.DescribeLogDirsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * On-disk size of partitions, counted on their leader so replication does not multiply it. One
 * DescribeLogDirs request per broker involved, which is the finest batching Kafka offers.
 */
public final class ReplicaSizes {

    private ReplicaSizes() {
    }

    /**
     * Size in bytes of each partition's leader replica. {@code leaders} maps partitions to leader broker ids;
     * partitions on a broker that cannot answer are missing from the result rather than failing it.
     */
    public static Map<TopicPartition, Long> ofLeaders(ClusterClient client, Map<TopicPartition, Integer> leaders) {
        Map<Integer, Map<String, LogDirDescription>> dirs = describe(client, new HashSet<>(leaders.values()));
        Map<TopicPartition, Long> sizes = new HashMap<>();
        dirs.forEach((broker, byDir) -> byDir.values().forEach(dir -> {
            for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                // A replica moving between dirs appears twice; only the current one (not future) counts.
                if (broker.equals(leaders.get(replica.getKey())) && !replica.getValue().isFuture()) {
                    sizes.merge(replica.getKey(), replica.getValue().size(), Long::sum);
                }
            }
        }));
        return sizes;
    }

    /** Log dirs of the given brokers; brokers that fail to answer are left out unless all fail. */
    public static Map<Integer, Map<String, LogDirDescription>> describe(ClusterClient client,
                                                                        Collection<Integer> brokers) {
        if (brokers.isEmpty()) {
            return Map.of();
        }
        DescribeLogDirsResult result = client.admin().describeLogDirs(brokers);
        ClusterException failure = null;
        try {
            AdminCalls.await(client, result.allDescriptions(), "describe log directories");
        } catch (ClusterException e) {
            failure = e;
        }
        Map<Integer, Map<String, LogDirDescription>> dirs = new HashMap<>();
        Set<Map.Entry<Integer, KafkaFuture<Map<String, LogDirDescription>>>> futures = result.descriptions().entrySet();
        for (Map.Entry<Integer, KafkaFuture<Map<String, LogDirDescription>>> e : futures) {
            if (e.getValue().isDone() && !e.getValue().isCompletedExceptionally()) {
                dirs.put(e.getKey(), AdminCalls.await(client, e.getValue(), "describe log directories"));
            }
        }
        if (failure != null && dirs.isEmpty()) {
            throw failure;
        }
        return dirs;
    }
}
