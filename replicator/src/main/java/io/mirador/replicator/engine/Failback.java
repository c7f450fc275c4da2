package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.TopicIdentity;

/**
 * The reverse of a failed-over route: target to source, the same topics under their source names, paused, with
 * checkpoints at the target offsets where the target's own records begin (the failover's
 * {@link FailoverReport.PartitionGap#targetResumeOffset}), so that resuming it copies back only what the target
 * received since the failover, never the mirrored records themselves.
 *
 * <p>A failover of that reverse route (failing back) finds the original route as its reverse and moves its
 * checkpoints to where the source's records written meanwhile end, so that resuming the original route does not
 * copy them back either.
 */
final class Failback {

    private Failback() {
    }

    /** An existing route that reverses {@code route}: target to source, paused or not. */
    static Optional<RouteDefinition> reverseOf(RouteDefinition route, List<RouteDefinition> routes) {
        return routes.stream().filter(r -> r.source().equals(route.target()) && r.target().equals(route.source())
                && (r.name().startsWith(route.name() + "-failback") || route.name().startsWith(r.name() + "-failback")))
                .findFirst();
    }

    /** A new reverse definition of {@code route} for the partitions the failover reported. */
    static RouteDefinition definition(RouteDefinition route, FailoverReport report, List<RouteDefinition> routes) {
        String name = route.name() + "-failback";
        for (int i = 2; exists(name, routes); i++) {
            name = route.name() + "-failback-" + i;
        }
        Map<String, String> names = new LinkedHashMap<>();
        report.partitions().forEach(g -> names.put(g.targetTopic(), g.topic()));
        boolean identity = names.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()));
        return new RouteDefinition(name, route.target(), route.source(), new ArrayList<>(names.keySet()), null, null,
                identity ? "identity" : "map", identity ? null : names, null, route.workers(), null, null,
                route.provenanceHeader(), true, route.onDataLoss(), route.exactlyOnce(), route.syncGroupOffsets(),
                route.groupsInclude(), route.groupsExclude());
    }

    /**
     * Checkpoints of the reverse route {@code reverse} at each partition's target resume offset, under the reversed
     * topic identity (so that they apply to exactly these topics of these clusters). Partitions merged by modulo
     * mapping have no one-to-one reverse and get none.
     */
    static List<Checkpoint> startPositions(String reverse, FailoverReport report, Map<String, TopicIdentity> identities) {
        List<Checkpoint> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (FailoverReport.PartitionGap g : report.partitions()) {
            TopicIdentity forward = identities.get(g.topic());
            if (forward == null || g.partition() != g.targetPartition() || g.targetResumeOffset() < 0) {
                continue;
            }
            TopicIdentity reversed = new TopicIdentity(forward.targetClusterId(), forward.targetTopicId(),
                    forward.sourceClusterId(), forward.sourceTopicId());
            out.add(new Checkpoint(reverse, g.targetTopic(), g.targetPartition(), g.targetResumeOffset(), g.partition(),
                    -1, now, reversed));
        }
        return out;
    }

    private static boolean exists(String name, List<RouteDefinition> routes) {
        return routes.stream().anyMatch(r -> r.name().equals(name));
    }
}
