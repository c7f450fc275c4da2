package io.mirador.cluster.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Earliest and latest offsets of many partitions: one ListOffsets per offset kind per {@link #BATCH}
 * partitions (the Admin client fans each out to the leaders). A partition whose offsets cannot be read is
 * left out of the result, so one sick partition does not blank a whole table; only a total failure throws.
 */
public final class PartitionOffsets {

    /** Partitions per ListOffsets request. */
    public static final int BATCH = 5000;

    private PartitionOffsets() {
    }

    /** Offsets of one partition: {@code latest - earliest} records are retained (fewer if compacted). */
    public record Range(long earliest, long latest) {
        public long records() {
            return Math.max(0, latest - earliest);
        }
    }

    /**
     * Partitions of the described topics that have a leader. Asking for a leaderless partition would make
     * the Admin client retry until its timeout, so offline partitions are skipped up front.
     */
    public static List<TopicPartition> withLeader(Collection<TopicDescription> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : topics) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() != null && !p.leader().isEmpty()) {
                    partitions.add(new TopicPartition(d.name(), p.partition()));
                }
            }
        }
        return partitions;
    }

    /** Latest offsets (the next offset to be written) of the given partitions. */
    public static Map<TopicPartition, Long> latest(ClusterClient client, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (List<TopicPartition> chunk : AdminCalls.chunks(partitions, BATCH)) {
            offsets.putAll(collect(client, chunk, request(client, chunk, OffsetSpec.latest())));
        }
        return offsets;
    }

    /** Earliest and latest offsets of the given partitions; both kinds are requested concurrently. */
    public static Map<TopicPartition, Range> ranges(ClusterClient client, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Range> ranges = new HashMap<>();
        for (List<TopicPartition> chunk : AdminCalls.chunks(partitions, BATCH)) {
            ListOffsetsResult earliest = request(client, chunk, OffsetSpec.earliest());
            ListOffsetsResult latest = request(client, chunk, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = collect(client, chunk, earliest);
            Map<TopicPartition, Long> ends = collect(client, chunk, latest);
            starts.forEach((tp, start) -> {
                Long end = ends.get(tp);
                if (end != null) {
                    ranges.put(tp, new Range(start, end));
                }
            });
        }
        return ranges;
    }

    private static ListOffsetsResult request(ClusterClient client, List<TopicPartition> chunk, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        chunk.forEach(tp -> request.put(tp, spec));
        return client.admin().listOffsets(request);
    }

    private static Map<TopicPartition, Long> collect(ClusterClient client, List<TopicPartition> chunk,
                                                     ListOffsetsResult result) {
        ClusterException failure = null;
        try {
            AdminCalls.await(client, result.all(), "read offsets");
        } catch (ClusterException e) {
            failure = e;
        }
        // all() has completed or timed out, so each partition's future is done or will not be soon.
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : chunk) {
            KafkaFuture<ListOffsetsResultInfo> future = result.partitionResult(tp);
            if (future.isDone() && !future.isCompletedExceptionally()) {
                offsets.put(tp, getNow(future).offset());
            }
        }
        if (failure != null && offsets.isEmpty()) {
            throw failure;
        }
        return offsets;
    }

    private static <T> T getNow(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
