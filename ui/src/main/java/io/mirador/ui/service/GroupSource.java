package io.mirador.ui.service;

import java.util.List;

import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupSummary;

/** Consumer groups of a cluster. Blocking: call from worker threads only. */
public interface GroupSource {

    /** Every consumer group of {@code cluster} with its total lag, sorted by id. */
    List<GroupSummary> groups(String cluster);

    /** Members and per-partition lag of one group of {@code cluster}. */
    GroupDetail group(String cluster, String groupId);
}
