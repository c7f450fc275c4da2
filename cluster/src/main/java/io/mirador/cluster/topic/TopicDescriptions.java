package io.mirador.cluster.topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Topic metadata for many topics at once: one ListTopics, then one DescribeTopics per {@link AdminCalls#BATCH}
 * topics. Topics deleted between listing and describing are left out instead of failing the whole listing.
 */
public final class TopicDescriptions {

    private TopicDescriptions() {
    }

    /** Names of all topics, sorted. */
    public static Set<String> names(ClusterClient client, boolean includeInternal) {
        return new TreeSet<>(AdminCalls.await(client,
                client.admin().listTopics(new ListTopicsOptions().listInternal(includeInternal)).names(),
                "list topics"));
    }

    /** Descriptions of every topic, keyed and sorted by name. */
    public static Map<String, TopicDescription> all(ClusterClient client, boolean includeInternal) {
        return of(client, names(client, includeInternal));
    }

    /** Descriptions of the named topics that exist, keyed and sorted by name. */
    public static Map<String, TopicDescription> of(ClusterClient client, Collection<String> names) {
        Map<String, TopicDescription> descriptions = new TreeMap<>();
        for (List<String> chunk : AdminCalls.chunks(names, AdminCalls.BATCH)) {
            DescribeTopicsResult result = client.admin().describeTopics(chunk);
            Map<String, KafkaFuture<TopicDescription>> futures = new HashMap<>(result.topicNameValues());
            // Wait for the whole batch first so a slow cluster costs one timeout, not one per topic.
            try {
                AdminCalls.await(client, KafkaFuture.allOf(futures.values().toArray(KafkaFuture[]::new)),
                        "describe topics");
            } catch (ClusterException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            futures.forEach((name, future) -> {
                if (!isUnknownTopic(future)) {
                    descriptions.put(name, AdminCalls.await(client, future, "describe topic " + name));
                }
            });
        }
        return descriptions;
    }

    private static boolean isUnknownTopic(KafkaFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return false;
        }
        try {
            future.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
