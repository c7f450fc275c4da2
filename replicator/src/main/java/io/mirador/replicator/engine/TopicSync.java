package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.mirador.replicator.route.TopicFilter;
import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Keeps a route's target topics in step with its source topics: creates missing ones with the source's
 * partition count and non-default configs, follows partition expansion of topics it created, and syncs
 * configs. Topics that existed on the target before are never expanded: if they have fewer partitions the
 * route maps by modulo and says so. Runs on the route's controller thread only.
 */
final class TopicSync {

    /** Configs that describe a broker's local storage, not the topic's contract: never copied. */
    private static final Set<String> NOT_COPIED = Set.of("min.insync.replicas", "follower.replication.throttled.replicas",
            "leader.replication.throttled.replicas", "message.format.version", "unclean.leader.election.enable");
    private static final long TIMEOUT_S = 30;

    private final String route;
    private final Admin source;
    private final Admin target;
    private final Consumer<ReplicationEvent> events;

    TopicSync(String route, Admin source, Admin target, Consumer<ReplicationEvent> events) {
        this.route = route;
        this.source = source;
        this.target = target;
        this.events = events;
    }

    /** The source topics the filter selects, with their partitions and non-default configs. */
    List<SourceTopic> discover(TopicFilter filter) {
        Set<String> names = await(source.listTopics().names());
        List<String> selected = names.stream().filter(filter::shouldReplicate).sorted().toList();
        if (selected.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(source.describeTopics(selected).allTopicNames());
        Map<String, Map<String, String>> configs = nonDefaultConfigs(source, selected);
        List<SourceTopic> topics = new ArrayList<>();
        for (String name : selected) {
            TopicDescription d = descriptions.get(name);
            int rf = d.partitions().isEmpty() ? 1 : d.partitions().get(0).replicas().size();
            topics.add(new SourceTopic(name, d.topicId().toString(), d.partitions().size(), rf, configs.getOrDefault(name, Map.of())));
        }
        return topics;
    }

    /**
     * Makes sure {@code targetName} exists for {@code topic} and returns its partition count.
     *
     * @param createdByUs whether an earlier run of this route created the target topic
     * @return the target's topic id, partition count and whether this call or an earlier one created it
     */
    TargetState ensureTarget(SourceTopic topic, String targetName, boolean createdByUs) {
        Optional<TopicDescription> existing = describeTarget(targetName);
        if (existing.isEmpty()) {
            int brokers = await(target.describeCluster().nodes()).size();
            short rf = (short) Math.max(1, Math.min(topic.replicationFactor(), brokers));
            Map<String, String> configs = copyable(topic.configs());
            try {
                org.apache.kafka.clients.admin.CreateTopicsResult created =
                        target.createTopics(List.of(new NewTopic(targetName, topic.partitions(), rf).configs(configs)));
                await(created.all());
                events.accept(ReplicationEvent.info(route, ReplicationEvent.TOPIC_CREATED, "created target topic "
                        + targetName + " with " + topic.partitions() + " partitions, replication factor " + rf
                        + (configs.isEmpty() ? "" : ", configs " + configs)));
            } catch (RuntimeException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription ready = awaitLeaders(targetName, topic.partitions());
            return new TargetState(ready.topicId().toString(), ready.partitions().size(), true);
        }
        int partitions = existing.get().partitions().size();
        if (partitions < topic.partitions() && createdByUs) {
            await(target.createPartitions(Map.of(targetName, NewPartitions.increaseTo(topic.partitions()))).all());
            events.accept(ReplicationEvent.info(route, ReplicationEvent.PARTITIONS_ADDED, "target topic " + targetName
                    + " expanded from " + partitions + " to " + topic.partitions() + " partitions"));
            partitions = topic.partitions();
        }
        syncConfigs(topic, targetName);
        return new TargetState(existing.get().topicId().toString(), partitions, createdByUs);
    }

    record TargetState(String topicId, int partitions, boolean createdByUs) {
    }

    /**
     * A topic is usable a moment after CreateTopics returns. Producing before every partition's leader has the
     * partition can leave an idempotent producer's first batch retrying behind later ones: the first produce
     * request fails (NOT_LEADER_OR_FOLLOWER) while the next ones, already in flight, are appended, since the
     * broker takes any sequence as the first of a producer it does not know; the first batch then meets
     * OutOfOrderSequence until the delivery timeout, and the partition stalls for that long. Metadata naming a
     * leader is not enough (the broker publishes it before its replica manager has created the log), so the
     * topic counts as ready only once every partition's leader answers ListOffsets, which it does from the log.
     */
    private TopicDescription awaitLeaders(String name, int partitions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ReplicationException last = null;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription d = await(target.describeTopics(List.of(name)).allTopicNames()).get(name);
                if (d != null && d.partitions().size() == partitions
                        && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
                    long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    await(target.listOffsets(latest, new ListOffsetsOptions().timeoutMs((int) leftMs)).all());
                    return d;
                }
            } catch (ReplicationException notYetVisible) {
                // UnknownTopicOrPartition until the broker's metadata has it, NotLeaderOrFollower until its log: ask again.
                last = notYetVisible;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Not usable yet: planning fails for this topic and tries again; nothing is assigned until it is.
        throw new ReplicationException("target topic " + name + " has no leader for every partition yet"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private void syncConfigs(SourceTopic topic, String targetName) {
        Map<String, String> wanted = copyable(topic.configs());
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, String> actual = nonDefaultConfigs(target, List.of(targetName)).getOrDefault(targetName, Map.of());
        List<AlterConfigOp> ops = new ArrayList<>();
        wanted.forEach((key, value) -> {
            if (!value.equals(actual.get(key))) {
                ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            }
        });
        if (ops.isEmpty()) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, targetName);
        await(target.incrementalAlterConfigs(Map.of(resource, ops)).all());
        events.accept(ReplicationEvent.info(route, ReplicationEvent.CONFIG_SYNCED, "synced configs of " + targetName
                + ": " + ops.stream().map(op -> op.configEntry().name() + "=" + op.configEntry().value()).toList()));
    }

    private Optional<TopicDescription> describeTarget(String name) {
        Set<String> names = await(target.listTopics().names());
        if (!names.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(await(target.describeTopics(List.of(name)).allTopicNames()).get(name));
    }

    private static Map<String, Map<String, String>> nonDefaultConfigs(Admin admin, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        Map<String, Map<String, String>> result = new HashMap<>();
        configs.forEach((resource, config) -> {
            Map<String, String> set = new HashMap<>();
            for (ConfigEntry entry : config.entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && entry.value() != null) {
                    set.put(entry.name(), entry.value());
                }
            }
            result.put(resource.name(), set);
        });
        return result;
    }

    private static Map<String, String> copyable(Map<String, String> configs) {
        Map<String, String> copy = new HashMap<>(configs);
        copy.keySet().removeAll(NOT_COPIED);
        return copy;
    }

    static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ReplicationException(e.getCause().getMessage() == null ? e.getCause().toString()
                    : e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ReplicationException("no answer within " + TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted", e);
        }
    }
}
