package io.mirador.ui.page.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.mirador.cluster.ClusterException;
import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.ResetSpec;
import io.mirador.ui.service.GroupSource;

/**
 * Groups in memory with a log of every call ("list c", "describe c g", "preview c g [topics] spec", "apply c g n",
 * "delete c g", "delete-offsets c g t"). Previews put every chosen topic's two partitions from offset 5 to what
 * the spec says on a log of [0, 100). Failures are set per operation.
 */
final class FakeGroupSource implements GroupSource {

    final Map<String, List<GroupSummary>> groupsByCluster = new HashMap<>();
    final Map<String, GroupDetail> details = new HashMap<>();
    final List<String> requests = new ArrayList<>();
    final List<List<OffsetChange>> applied = new ArrayList<>();
    RuntimeException previewFailure;
    RuntimeException applyFailure;
    RuntimeException deleteFailure;

    @Override
    public List<GroupSummary> groups(String cluster) {
        requests.add("list " + cluster);
        List<GroupSummary> groups = groupsByCluster.get(cluster);
        if (groups == null) {
            throw new ClusterException("cluster " + cluster + " did not answer", null);
        }
        return groups;
    }

    @Override
    public GroupDetail group(String cluster, String groupId) {
        requests.add("describe " + cluster + " " + groupId);
        GroupDetail detail = details.get(cluster + "/" + groupId);
        if (detail == null) {
            throw new ClusterException("no consumer group named " + groupId, null);
        }
        return detail;
    }

    @Override
    public List<OffsetChange> previewReset(String cluster, String groupId, Collection<String> topics, ResetSpec spec) {
        requests.add("preview " + cluster + " " + groupId + " " + topics + " " + spec);
        if (previewFailure != null) {
            throw previewFailure;
        }
        List<OffsetChange> changes = new ArrayList<>();
        for (String topic : topics) {
            for (int partition = 0; partition < 2; partition++) {
                changes.add(new OffsetChange(topic, partition, OptionalLong.of(5), target(spec), target(spec),
                        OffsetChange.Adjustment.NONE));
            }
        }
        return changes;
    }

    private static long target(ResetSpec spec) {
        if (spec instanceof ResetSpec.ToEarliest) {
            return 0;
        }
        if (spec instanceof ResetSpec.ToLatest) {
            return 100;
        }
        if (spec instanceof ResetSpec.ToOffset o) {
            return o.offset();
        }
        if (spec instanceof ResetSpec.ShiftBy s) {
            return 5 + s.delta();
        }
        return 42;
    }

    @Override
    public void applyReset(String cluster, String groupId, List<OffsetChange> preview) {
        requests.add("apply " + cluster + " " + groupId + " " + preview.size());
        if (applyFailure != null) {
            throw applyFailure;
        }
        applied.add(List.copyOf(preview));
    }

    @Override
    public void deleteGroup(String cluster, String groupId) {
        requests.add("delete " + cluster + " " + groupId);
        if (deleteFailure != null) {
            throw deleteFailure;
        }
        groupsByCluster.computeIfPresent(cluster,
                (c, list) -> list.stream().filter(g -> !g.groupId().equals(groupId)).toList());
    }

    @Override
    public int deleteOffsets(String cluster, String groupId, String topic) {
        requests.add("delete-offsets " + cluster + " " + groupId + " " + topic);
        if (deleteFailure != null) {
            throw deleteFailure;
        }
        return 2;
    }
}
