package io.mirador.ui.page.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterException;
import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.cluster.topic.TopicList;
import io.mirador.cluster.topic.TopicRates;
import io.mirador.ui.service.TopicSource;
import org.apache.kafka.common.TopicPartition;

/**
 * Topics in memory per cluster. Writes change the lists the way Kafka would (a created topic is listed by the
 * next load) and are logged in {@link #writes} as one line each. Offsets and the listing clock are set by tests.
 */
final class FakeTopicSource implements TopicSource {

    final Map<String, List<TopicSummary>> topicsByCluster = new HashMap<>();
    final Map<TopicPartition, Long> latestOffsets = new HashMap<>();
    final Map<String, TopicDetail> details = new HashMap<>();
    final Map<String, List<ConfigValue>> configs = new HashMap<>();
    final List<String> requests = new ArrayList<>();
    final List<String> detailRequests = new ArrayList<>();
    final List<String> writes = new ArrayList<>();
    long clockNanos = 1_000_000_000L;
    RuntimeException failWrites;

    @Override
    public TopicList listing(String cluster) {
        requests.add(cluster);
        List<TopicSummary> topics = topicsByCluster.get(cluster);
        if (topics == null) {
            throw new ClusterException("cluster " + cluster + " did not answer", null);
        }
        return new TopicList(topics, new TopicRates.Snapshot(clockNanos, latestOffsets));
    }

    @Override
    public TopicDetail detail(String cluster, String topic) {
        detailRequests.add(cluster + "/" + topic);
        TopicDetail detail = details.get(topic);
        if (detail == null) {
            throw new ClusterException("cannot describe topic " + topic + ": it does not exist", null);
        }
        return detail;
    }

    @Override
    public List<ConfigValue> configs(String cluster, String topic) {
        return configs.getOrDefault(topic, List.of());
    }

    @Override
    public void create(String cluster, String topic, int partitions, int replicationFactor,
                       Map<String, String> configs) {
        write("create " + cluster + " " + topic + " " + partitions + " " + replicationFactor + " " + configs);
        List<TopicSummary> topics = new ArrayList<>(topicsByCluster.get(cluster));
        topics.add(new TopicSummary(topic, Math.max(1, partitions), Math.max(1, replicationFactor), 0, 0, false));
        topicsByCluster.put(cluster, topics);
    }

    @Override
    public void delete(String cluster, String topic, String confirmation) {
        if (!topic.equals(confirmation)) {
            throw new ClusterException("cannot delete topic " + topic + ": the confirmation does not match", null);
        }
        write("delete " + cluster + " " + topic);
        List<TopicSummary> topics = new ArrayList<>(topicsByCluster.get(cluster));
        topics.removeIf(t -> t.name().equals(topic));
        topicsByCluster.put(cluster, topics);
    }

    @Override
    public void addPartitions(String cluster, String topic, int newTotal) {
        write("add-partitions " + cluster + " " + topic + " " + newTotal);
    }

    @Override
    public void alterConfigs(String cluster, String topic, Map<String, String> set, Collection<String> reset) {
        write("alter-configs " + cluster + " " + topic + " set=" + set + " reset=" + reset);
    }

    @Override
    public Map<Integer, Long> purge(String cluster, String topic, Map<Integer, Long> beforeOffsets) {
        write("purge " + cluster + " " + topic + " " + beforeOffsets);
        return beforeOffsets;
    }

    @Override
    public Map<Integer, Long> purgeAll(String cluster, String topic) {
        write("purge-all " + cluster + " " + topic);
        return Map.of();
    }

    private void write(String line) {
        if (failWrites != null) {
            throw failWrites;
        }
        writes.add(line);
    }
}
