package io.mirador.ui.service;

import java.util.Collection;
import java.util.List;

import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.ResetSpec;

/**
 * Consumer groups of a cluster. Blocking: call from worker threads only. Failures are exceptions whose message
 * is one plain-language line. The write operations refuse read-only connections before touching the cluster.
 */
public interface GroupSource {

    /** Every consumer group of {@code cluster} with its total lag, sorted by id. */
    List<GroupSummary> groups(String cluster);

    /** Members and per-partition lag of one group of {@code cluster}. */
    GroupDetail group(String cluster, String groupId);

    /**
     * What resetting {@code groupId} on every partition of {@code topics} to {@code spec} would commit, sorted by
     * topic then partition. Reads only; refused on read-only connections all the same, since a preview exists
     * only to be applied.
     */
    List<OffsetChange> previewReset(String cluster, String groupId, Collection<String> topics, ResetSpec spec);

    /**
     * Commits exactly the targets of {@code preview}; refuses while the group has active members or when its
     * offsets moved since the preview.
     */
    void applyReset(String cluster, String groupId, List<OffsetChange> preview);

    /** Deletes the group and its committed offsets; refuses while it has active members. */
    void deleteGroup(String cluster, String groupId);

    /** Forgets the group's committed offsets on one topic; returns how many partitions that was. */
    int deleteOffsets(String cluster, String groupId, String topic);
}
