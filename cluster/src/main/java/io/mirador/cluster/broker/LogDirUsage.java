package io.mirador.cluster.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mirador.cluster.BrokerNode;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.topic.ReplicaSizes;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/** Disk use of one broker: its log directories sorted by path. Counts every replica, leader or follower. */
public record LogDirUsage(int brokerId, List<LogDir> dirs) {

    public LogDirUsage {
        dirs = List.copyOf(dirs);
    }

    /** Usage of every live broker, sorted by id: one DescribeLogDirs per broker, sent together. */
    public static List<LogDirUsage> load(ClusterClient client) {
        List<Integer> ids = client.overview().brokers().stream().map(BrokerNode::id).toList();
        return from(ReplicaSizes.describe(client, ids));
    }

    static List<LogDirUsage> from(Map<Integer, Map<String, LogDirDescription>> byBroker) {
        List<LogDirUsage> usages = new ArrayList<>();
        byBroker.forEach((broker, dirs) -> {
            List<LogDir> list = new ArrayList<>();
            dirs.forEach((path, d) -> list.add(toLogDir(path, d)));
            list.sort(Comparator.comparing(LogDir::path));
            usages.add(new LogDirUsage(broker, list));
        });
        usages.sort(Comparator.comparingInt(LogDirUsage::brokerId));
        return usages;
    }

    /** Bytes of all replicas in all directories of this broker. */
    public long sizeBytes() {
        return dirs.stream().mapToLong(LogDir::sizeBytes).sum();
    }

    /** Bytes per topic over all directories of this broker, sorted by topic. */
    public Map<String, Long> bytesPerTopic() {
        Map<String, Long> total = new TreeMap<>();
        dirs.forEach(d -> d.bytesPerTopic().forEach((t, b) -> total.merge(t, b, Long::sum)));
        return total;
    }

    private static LogDir toLogDir(String path, LogDirDescription d) {
        Map<String, Long> perTopic = new TreeMap<>();
        long size = 0;
        for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
            perTopic.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
            size += e.getValue().size();
        }
        String error = d.error() == null ? null : d.error().getClass().getSimpleName()
                + (d.error().getMessage() == null ? "" : ": " + d.error().getMessage());
        return new LogDir(path, d.totalBytes(), d.usableBytes(), size, perTopic, error);
    }
}
