package io.mirador.cluster.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.BrokerNode;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.ClusterOverview;
import io.mirador.cluster.topic.AdminCalls;
import io.mirador.cluster.topic.ReplicaSizes;
import io.mirador.cluster.topic.TopicDescriptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@link ClusterSummary}: DescribeCluster, ListTopics, DescribeTopics per {@link AdminCalls#BATCH}
 * topics, one DescribeLogDirs per broker and one DescribeFeatures. No offsets are read, so it stays cheap
 * enough to refresh every few seconds even on clusters with many topics.
 */
public final class ClusterSummaryLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSummaryLoader.class);

    private final ClusterClient client;

    public ClusterSummaryLoader(ClusterClient client) {
        this.client = client;
    }

    public ClusterSummary load() {
        ClusterOverview overview = client.overview();
        Map<String, TopicDescription> topics = TopicDescriptions.all(client, true);
        List<Integer> ids = overview.brokers().stream().map(BrokerNode::id).toList();
        Map<Integer, Long> dirBytes = new HashMap<>();
        LogDirUsage.from(ReplicaSizes.describe(client, ids)).forEach(u -> dirBytes.put(u.brokerId(), u.sizeBytes()));

        Map<Integer, Integer> led = new HashMap<>();
        Map<Integer, Integer> hosted = new HashMap<>();
        int partitions = 0;
        int underReplicated = 0;
        int offline = 0;
        int internal = 0;
        for (TopicDescription d : topics.values()) {
            internal += d.isInternal() ? 1 : 0;
            for (TopicPartitionInfo p : d.partitions()) {
                partitions++;
                if (p.leader() == null || p.leader().isEmpty()) {
                    offline++;
                } else {
                    led.merge(p.leader().id(), 1, Integer::sum);
                }
                if (p.isr().size() < p.replicas().size()) {
                    underReplicated++;
                }
                for (Node replica : p.replicas()) {
                    hosted.merge(replica.id(), 1, Integer::sum);
                }
            }
        }
        List<BrokerSummary> brokers = new ArrayList<>();
        for (BrokerNode b : overview.brokers()) {
            brokers.add(new BrokerSummary(b.id(), b.host(), b.port(), b.rack(), led.getOrDefault(b.id(), 0),
                    hosted.getOrDefault(b.id(), 0), dirBytes.getOrDefault(b.id(), -1L)));
        }
        return new ClusterSummary(overview.clusterId(), activeController(overview.controllerId()), brokers,
                topics.size(), internal, partitions, underReplicated, offline, version());
    }

    /**
     * The KRaft quorum's leader, i.e. the active controller. DescribeCluster's controller is a random live broker
     * under KRaft, so it is only the fallback (ZooKeeper-era clusters, or a user not allowed to describe the
     * quorum); -1 when neither answers.
     */
    private int activeController(int describeClusterController) {
        try {
            return AdminCalls.await(client, client.admin().describeMetadataQuorum().quorumInfo(),
                    "describe the metadata quorum").leaderId();
        } catch (ClusterException e) {
            LOG.debug("No quorum leader for cluster {}: {}", client.connection().name(), e.getMessage());
            return describeClusterController;
        }
    }

    /** The Kafka version, or {@link KafkaVersion#UNKNOWN} when the cluster will not say (old or locked down). */
    private KafkaVersion version() {
        try {
            return KafkaVersion.from(AdminCalls.await(client, client.admin().describeFeatures().featureMetadata(),
                    "describe features"));
        } catch (ClusterException e) {
            LOG.debug("No Kafka version for cluster {}: {}", client.connection().name(), e.getMessage());
            return KafkaVersion.UNKNOWN;
        }
    }
}
