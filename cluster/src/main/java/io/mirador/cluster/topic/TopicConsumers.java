package io.mirador.cluster.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which consumer groups read a topic: those with a committed offset on one of its partitions. One
 * ListGroups, then one multi-group OffsetFetch per {@link AdminCalls#BATCH} groups (the Admin client sends
 * one request per group coordinator), each asking only for this topic's partitions.
 */
public final class TopicConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(TopicConsumers.class);

    private TopicConsumers() {
    }

    /** Ids of the groups with committed offsets on any of {@code partitions}, sorted. */
    public static List<String> groupsReading(ClusterClient client, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        // Classic and KIP-848 consumer groups, including "simple" groups that only commit offsets;
        // share groups keep no committed offsets, so asking them would only return errors.
        Collection<GroupListing> listings = AdminCalls.await(client,
                client.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list consumer groups");
        List<String> groupIds = listings.stream().map(GroupListing::groupId).distinct().toList();
        Set<String> readers = new TreeSet<>();
        ListConsumerGroupOffsetsSpec spec = new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(partitions));
        for (List<String> chunk : AdminCalls.chunks(groupIds, AdminCalls.BATCH)) {
            Map<String, ListConsumerGroupOffsetsSpec> request = new HashMap<>();
            chunk.forEach(id -> request.put(id, spec));
            readers.addAll(readers(client, client.admin().listConsumerGroupOffsets(request), chunk));
        }
        return new ArrayList<>(readers);
    }

    private static List<String> readers(ClusterClient client, ListConsumerGroupOffsetsResult result,
                                        List<String> groupIds) {
        try {
            AdminCalls.await(client, result.all(), "read committed offsets");
        } catch (ClusterException e) {
            // One group we may not describe (ACLs) or that vanished must not hide the others.
            LOG.debug("Some committed offsets could not be read: {}", e.getMessage());
        }
        List<String> readers = new ArrayList<>();
        for (String id : groupIds) {
            KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> future = result.partitionsToOffsetAndMetadata(id);
            if (!future.isDone() || future.isCompletedExceptionally()) {
                continue;
            }
            // Asked-for partitions without a commit come back with a null value.
            Map<TopicPartition, OffsetAndMetadata> offsets = AdminCalls.await(client, future, "read committed offsets");
            if (offsets.values().stream().anyMatch(o -> o != null && o.offset() >= 0)) {
                readers.add(id);
            }
        }
        return readers;
    }
}
