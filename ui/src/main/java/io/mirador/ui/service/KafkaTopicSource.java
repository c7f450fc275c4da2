package io.mirador.ui.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.TopicAdmin;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.cluster.topic.TopicDetailLoader;
import io.mirador.cluster.topic.TopicList;
import io.mirador.cluster.topic.TopicListing;

/**
 * Topics of any known cluster through the shared {@link ClusterClient}s. Writes go through
 * {@link ClusterClients#writableClient}, so a read-only connection is refused here whatever the UI allows.
 * Thread-safe.
 */
public final class KafkaTopicSource implements TopicSource {

    private final ClusterClients clients;

    public KafkaTopicSource(ClusterClients clients) {
        this.clients = clients;
    }

    @Override
    public TopicList listing(String cluster) {
        return TopicListing.listWithOffsets(clients.client(cluster), true);
    }

    @Override
    public TopicDetail detail(String cluster, String topic) {
        return new TopicDetailLoader(clients.client(cluster)).load(topic);
    }

    @Override
    public List<ConfigValue> configs(String cluster, String topic) {
        return new TopicAdmin(clients.client(cluster)).configs(topic);
    }

    @Override
    public void create(String cluster, String topic, int partitions, int replicationFactor,
                       Map<String, String> configs) {
        writable(cluster).create(topic, partitions, replicationFactor, configs);
    }

    @Override
    public void delete(String cluster, String topic, String confirmation) {
        writable(cluster).delete(topic, confirmation);
    }

    @Override
    public void addPartitions(String cluster, String topic, int newTotal) {
        writable(cluster).addPartitions(topic, newTotal);
    }

    @Override
    public void alterConfigs(String cluster, String topic, Map<String, String> set, Collection<String> reset) {
        writable(cluster).alterConfigs(topic, set, reset);
    }

    @Override
    public Map<Integer, Long> purge(String cluster, String topic, Map<Integer, Long> beforeOffsets) {
        return writable(cluster).purge(topic, beforeOffsets);
    }

    @Override
    public Map<Integer, Long> purgeAll(String cluster, String topic) {
        return writable(cluster).purgeAll(topic);
    }

    private TopicAdmin writable(String cluster) {
        return new TopicAdmin(clients.writableClient(cluster));
    }
}
