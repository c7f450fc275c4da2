package io.mirador.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Reads one cluster through Kafka's Admin client. Every call blocks up to {@link #timeout()} and batches its
 * requests (one ListOffsets per offset kind, one DescribeLogDirs for all brokers), so callers run it off
 * the UI thread. Thread-safe: Admin is.
 */
public final class ClusterClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterConnection connection;
    private final Admin admin;
    private final Duration timeout;

    public ClusterClient(ClusterConnection connection) {
        this(connection, DEFAULT_TIMEOUT);
    }

    public ClusterClient(ClusterConnection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
        Map<String, Object> props = connection.clientProperties();
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "mirador-" + connection.name());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000));
        this.admin = Admin.create(props);
    }

    public ClusterConnection connection() {
        return connection;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The raw Admin client, for operations this class does not wrap yet. */
    public Admin admin() {
        return admin;
    }

    public ClusterOverview overview() {
        DescribeClusterResult result = admin.describeCluster();
        String id = await(result.clusterId(), "describe the cluster");
        Node controller = await(result.controller(), "describe the cluster");
        List<BrokerNode> brokers = await(result.nodes(), "describe the cluster").stream()
                .map(n -> new BrokerNode(n.id(), n.host(), n.port(), n.rack()))
                .sorted(Comparator.comparingInt(BrokerNode::id))
                .toList();
        return new ClusterOverview(id, controller == null ? -1 : controller.id(), brokers);
    }

    /** Every topic with partition count, replication factor, record count and size, sorted by name. */
    public List<TopicSummary> topics(boolean includeInternal) {
        var names = await(admin.listTopics(new ListTopicsOptions().listInternal(includeInternal)).names(), "list topics");
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames(), "describe topics");
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : descriptions.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResultInfo> starts = await(admin.listOffsets(earliest).all(), "read offsets");
        Map<TopicPartition, ListOffsetsResultInfo> ends = await(admin.listOffsets(latest).all(), "read offsets");
        Map<String, Long> sizes = leaderSizes(descriptions);

        List<TopicSummary> topics = new ArrayList<>();
        for (TopicDescription d : descriptions.values()) {
            long records = 0;
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                records += Math.max(0, offset(ends, tp) - offset(starts, tp));
            }
            int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            topics.add(new TopicSummary(d.name(), d.partitions().size(), rf, records,
                    sizes.getOrDefault(d.name(), 0L), d.isInternal()));
        }
        topics.sort(Comparator.comparing(TopicSummary::name));
        return topics;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    private Map<String, Long> leaderSizes(Map<String, TopicDescription> descriptions) {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        for (TopicDescription d : descriptions.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() != null) {
                    leaders.put(new TopicPartition(d.name(), p.partition()), p.leader().id());
                }
            }
        }
        List<Integer> brokerIds = leaders.values().stream().distinct().toList();
        Map<Integer, Map<String, LogDirDescription>> dirs =
                await(admin.describeLogDirs(brokerIds).allDescriptions(), "describe log directories");
        Map<String, Long> sizes = new HashMap<>();
        dirs.forEach((broker, byDir) -> byDir.values().forEach(dir -> {
            for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                if (broker.equals(leaders.get(replica.getKey()))) {
                    sizes.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                }
            }
        }));
        return sizes;
    }

    private static long offset(Map<TopicPartition, ListOffsetsResultInfo> offsets, TopicPartition tp) {
        ListOffsetsResultInfo info = offsets.get(tp);
        return info == null ? 0 : info.offset();
    }

    /**
     * Waits for one Admin result within this client's timeout; any failure becomes a {@link ClusterException}
     * with a one-line message ("cannot {@code what} on cluster X: ...").
     */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClusterException(ClusterErrors.describe(connection, what, e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterException("cluster " + connection.name() + " did not answer within "
                    + timeout.toSeconds() + " s when asked to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking cluster " + connection.name() + " to " + what, e);
        }
    }
}
