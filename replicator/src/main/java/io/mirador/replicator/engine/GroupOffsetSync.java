package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.mirador.replicator.offsets.Translation;
import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves consumer groups' positions from a route's source to its target: for each group with committed offsets on
 * partitions the route copies, translate them through the offset mapping and write them to the same group on the
 * target ({@code alterConsumerGroupOffsets}), so that a consumer switched to the target reads the very record it
 * would have read next on the source: no re-read, no skip.
 *
 * <p>Rules: a group is written only while it has no members on the target (its offsets there are then nobody's
 * but ours; a group consuming on the target owns them); a position is never moved backwards; a position the
 * mirror has not copied up to yet waits for a later round instead of being guessed.
 *
 * <p>Threading: {@link #syncOnce} on the route's planner thread; {@link #status} from any thread.
 */
final class GroupOffsetSync {

    /** Where a source position lands: the target topic and partition, and the translated offset. */
    record Placement(String targetTopic, int targetPartition, Translation translation) {
    }

    /** The route's side of translation: null for a partition the route does not copy. */
    interface Translator {
        Placement translate(TopicPartition source, long committed);
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupOffsetSync.class);
    /** Metadata of every position a sync writes: {@code mirador:<route>:<source partition>@<source offset>}. */
    static final String METADATA_PREFIX = "mirador:";

    private final String route;
    private final Admin source;
    private final Admin target;
    private final Pattern include;
    private final Pattern exclude;
    private final Translator translator;
    private final Consumer<ReplicationEvent> events;
    private final Map<String, GroupSyncStatus> status = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSync = new ConcurrentHashMap<>();
    private volatile long lastRoundMs;

    GroupOffsetSync(String route, Admin source, Admin target, Pattern include, Pattern exclude, Translator translator,
                    Consumer<ReplicationEvent> events) {
        this.route = route;
        this.source = source;
        this.target = target;
        this.include = include;
        this.exclude = exclude;
        this.translator = translator;
        this.events = events;
    }

    /** Every group the last rounds looked at, by name. */
    List<GroupSyncStatus> status() {
        return status.values().stream().sorted(java.util.Comparator.comparing(GroupSyncStatus::group)).toList();
    }

    /** When the last round finished (successful or not for single groups); 0 before the first. */
    long lastRoundMs() {
        return lastRoundMs;
    }

    /** One round over every selected group. Throws when a cluster does not answer; the next round tries again. */
    void syncOnce() {
        List<String> groups = TopicSync.await(source.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                .map(GroupListing::groupId).filter(this::selected).sorted().toList();
        if (groups.isEmpty()) {
            status.clear();
            lastRoundMs = System.currentTimeMillis();
            return;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                TopicSync.await(source.listConsumerGroupOffsets(specs).all());
        Map<String, Map<TopicPartition, Placement>> placements = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> positions = new HashMap<>();
        committed.forEach((group, offsets) -> offsets.forEach((tp, oam) -> {
            if (oam == null || fromASync(oam)) {
                return;
            }
            Placement placement = translator.translate(tp, oam.offset());
            if (placement != null) {
                placements.computeIfAbsent(group, g -> new HashMap<>()).put(tp, placement);
                positions.computeIfAbsent(group, g -> new HashMap<>()).put(tp, oam.offset());
            }
        }));
        status.keySet().retainAll(placements.keySet());
        if (placements.isEmpty()) {
            lastRoundMs = System.currentTimeMillis();
            return;
        }
        Map<String, ConsumerGroupDescription> onTarget = describe(placements.keySet());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> targetCommitted = targetOffsets(placements.keySet());
        for (Map.Entry<String, Map<TopicPartition, Placement>> e : placements.entrySet()) {
            String group = e.getKey();
            ConsumerGroupDescription d = onTarget.get(group);
            boolean active = d != null && !d.members().isEmpty()
                    && d.groupState() != GroupState.EMPTY && d.groupState() != GroupState.DEAD;
            syncGroup(group, e.getValue(), positions.get(group), active,
                    targetCommitted.getOrDefault(group, Map.of()));
        }
        lastRoundMs = System.currentTimeMillis();
    }

    private void syncGroup(String group, Map<TopicPartition, Placement> placements, Map<TopicPartition, Long> positions,
                           boolean activeOnTarget, Map<TopicPartition, OffsetAndMetadata> onTarget) {
        Map<TopicPartition, OffsetAndMetadata> write = new HashMap<>();
        List<GroupSyncStatus.Partition> rows = new ArrayList<>();
        boolean complete = true;
        for (Map.Entry<TopicPartition, Placement> e : placements.entrySet()) {
            TopicPartition sourceTp = e.getKey();
            Placement p = e.getValue();
            TopicPartition targetTp = new TopicPartition(p.targetTopic(), p.targetPartition());
            Translation t = p.translation();
            OffsetAndMetadata current = onTarget.get(targetTp);
            boolean written = false;
            if (t.usable()) {
                if (current != null && current.offset() >= t.targetOffset()) {
                    written = true; // there or past it already: never backwards
                } else if (!activeOnTarget) {
                    write.put(targetTp, new OffsetAndMetadata(t.targetOffset(), METADATA_PREFIX + route + ":"
                            + sourceTp + "@" + positions.get(sourceTp)));
                    written = true;
                }
            }
            complete &= written;
            rows.add(new GroupSyncStatus.Partition(sourceTp.topic(), sourceTp.partition(), positions.get(sourceTp),
                    p.targetTopic(), p.targetPartition(), t.targetOffset(), t.kind().name(), t.errorBound(), written));
        }
        rows.sort(java.util.Comparator.comparing(GroupSyncStatus.Partition::topic)
                .thenComparingInt(GroupSyncStatus.Partition::partition));
        if (activeOnTarget) {
            status.put(group, new GroupSyncStatus(group, "ACTIVE_ON_TARGET", null, lastSync.getOrDefault(group, 0L), rows));
            return;
        }
        String error = null;
        if (!write.isEmpty()) {
            try {
                TopicSync.await(target.alterConsumerGroupOffsets(group, write).all());
                lastSync.put(group, System.currentTimeMillis());
            } catch (RuntimeException ex) {
                error = ex.getMessage();
                LOG.debug("Route {}: offsets of group {} not written to the target", route, group, ex);
                rows = rows.stream().map(r -> new GroupSyncStatus.Partition(r.topic(), r.partition(), r.sourceOffset(),
                        r.targetTopic(), r.targetPartition(), r.targetOffset(), r.translation(), r.errorBound(), false)).toList();
            }
        } else if (complete) {
            lastSync.putIfAbsent(group, System.currentTimeMillis());
        }
        String state = error != null ? "FAILED" : complete ? "SYNCED" : "PARTIAL";
        GroupSyncStatus before = status.put(group, new GroupSyncStatus(group, state, error, lastSync.getOrDefault(group, 0L), rows));
        if (error != null && (before == null || !"FAILED".equals(before.state()))) {
            events.accept(ReplicationEvent.warn(route, ReplicationEvent.ERROR, "offsets of consumer group " + group
                    + " could not be written to the target: " + error));
        }
    }

    /** The groups as the target knows them; a group the target has never seen is absent. */
    private Map<String, ConsumerGroupDescription> describe(Set<String> groups) {
        Map<String, ConsumerGroupDescription> out = new HashMap<>();
        target.describeConsumerGroups(groups).describedGroups().forEach((group, future) -> {
            try {
                out.put(group, TopicSync.await(future));
            } catch (RuntimeException e) {
                if (!(rootCause(e) instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        });
        return out;
    }

    /** The groups' committed offsets on the target; empty for a group the target has never seen. */
    private Map<String, Map<TopicPartition, OffsetAndMetadata>> targetOffsets(Set<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = target.listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> out = new HashMap<>();
        for (String group : groups) {
            try {
                out.put(group, TopicSync.await(result.partitionsToOffsetAndMetadata(group)));
            } catch (RuntimeException e) {
                if (!(rootCause(e) instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                out.put(group, Map.of());
            }
        }
        return out;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * A position a sync wrote (into this cluster, from another): the group is not active here, so its position is
     * not this cluster's to hand on. With routes both ways, this keeps a group's position from bouncing back to
     * where it came from; a group is synced only from the cluster where it consumes.
     */
    private static boolean fromASync(OffsetAndMetadata oam) {
        return oam.metadata() != null && oam.metadata().startsWith(METADATA_PREFIX);
    }

    private boolean selected(String group) {
        if (group.startsWith("mirador-")) {
            return false; // Mirador's own clients (the console's browsers) are no one's position to move
        }
        return (include == null || include.matcher(group).matches())
                && (exclude == null || !exclude.matcher(group).matches());
    }
}
