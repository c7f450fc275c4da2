package io.mirador.cluster.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Batched offset reads. One Admin call covers many groups (committed offsets, KIP-709 multi-group OffsetFetch:
 * one request per coordinator broker) or many partitions (ListOffsets: one request per leader broker). Inputs
 * above {@link #GROUPS_PER_CALL} groups or {@link #PARTITIONS_PER_CALL} partitions are split into chunks whose
 * calls are all issued before any is awaited, so a chunk costs a request, not a round trip.
 */
final class OffsetReader {

    /** Keeps one OffsetFetch response, and the memory behind it, bounded on clusters with thousands of groups. */
    static final int GROUPS_PER_CALL = 1_000;
    static final int PARTITIONS_PER_CALL = 10_000;

    private final GroupCalls calls;

    OffsetReader(GroupCalls calls) {
        this.calls = calls;
    }

    /** Committed offsets of every group, all its partitions; groups deleted meanwhile are left out. */
    Map<String, Map<TopicPartition, Long>> committed(Collection<String> groupIds) {
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures = new LinkedHashMap<>();
        for (List<String> chunk : chunks(groupIds, GROUPS_PER_CALL)) {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            chunk.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
            var result = calls.admin().listConsumerGroupOffsets(specs);
            chunk.forEach(id -> futures.put(id, result.partitionsToOffsetAndMetadata(id)));
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> raw =
                calls.awaitEach(futures, "read committed offsets", e -> e instanceof GroupIdNotFoundException);
        Map<String, Map<TopicPartition, Long>> offsets = new LinkedHashMap<>();
        raw.forEach((group, byPartition) -> {
            Map<TopicPartition, Long> committed = new HashMap<>();
            // A partition listed without a commit comes back with a null value.
            byPartition.forEach((tp, om) -> {
                if (om != null) {
                    committed.put(tp, om.offset());
                }
            });
            offsets.put(group, committed);
        });
        return offsets;
    }

    /**
     * The offset {@code spec} names for each partition. Partitions of topics deleted meanwhile are left out.
     * For {@link OffsetSpec#forTimestamp} the value is -1 where no record has that timestamp or a later one.
     * The log end offset is the high watermark (read-uncommitted), the offset consumers can reach.
     */
    Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec, String what) {
        Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures = new LinkedHashMap<>();
        for (List<TopicPartition> chunk : chunks(partitions, PARTITIONS_PER_CALL)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            chunk.forEach(tp -> request.put(tp, spec));
            var result = calls.admin().listOffsets(request);
            chunk.forEach(tp -> futures.put(tp, result.partitionResult(tp)));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        calls.awaitEach(futures, what, e -> e instanceof UnknownTopicOrPartitionException)
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, items.size()));
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
