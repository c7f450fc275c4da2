package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.mirador.replicator.engine.GroupSyncStatus;
import io.mirador.ui.util.Formats;

/**
 * One consumer group on one mirrored partition, as the group sync sees it: the group's committed position on the
 * source and where it resumes on the target. A group the sync knows without any partition (it failed before
 * reading them) is one row with no topic. Immutable; texts are locale-independent.
 *
 * @param targetOffset the translated position on the target; -1 when not translated
 * @param lastSyncMs   when the group was last written to the target; 0 when never
 */
public record GroupRow(String group, String state, String error, long lastSyncMs, String topic, int partition,
                       long sourceOffset, String targetTopic, int targetPartition, long targetOffset,
                       String translation, long errorBound, boolean written) {

    public static final String SYNCED = "SYNCED";
    public static final String FAILED = "FAILED";

    /** Every group's partitions, by group, topic and partition. */
    public static List<GroupRow> of(List<GroupSyncStatus> groups) {
        List<GroupRow> rows = new ArrayList<>();
        for (GroupSyncStatus g : groups) {
            List<GroupSyncStatus.Partition> partitions = g.partitions() == null ? List.of() : g.partitions();
            if (partitions.isEmpty()) {
                rows.add(new GroupRow(g.group(), g.state(), g.error(), g.lastSyncMs(), "", -1, -1, "", -1, -1, "", 0,
                        false));
            }
            for (GroupSyncStatus.Partition p : partitions) {
                rows.add(new GroupRow(g.group(), g.state(), g.error(), g.lastSyncMs(), p.topic(), p.partition(),
                        p.sourceOffset(), p.targetTopic(), p.targetPartition(), p.targetOffset(), p.translation(),
                        p.errorBound(), p.written()));
            }
        }
        rows.sort(Comparator.comparing(GroupRow::group).thenComparing(GroupRow::topic)
                .thenComparingInt(GroupRow::partition));
        return rows;
    }

    /** "orders/0"; empty for a group row without partitions. */
    public String sourcePartition() {
        return topic.isEmpty() ? "" : topic + "/" + partition;
    }

    /** "orders-copy/0"; "–" when the partition has no target yet. */
    public String targetPartitionText() {
        return targetTopic == null || targetTopic.isEmpty() || targetPartition < 0 ? "–"
                : targetTopic + "/" + targetPartition;
    }

    /** "Synced", "Partial", "Active on target", "Failed". */
    public String stateText() {
        return sentence(state);
    }

    /** "exact", "approx. ± 12" (records), "not copied yet", "unmapped". */
    public String translationText() {
        if (translation == null || translation.isEmpty()) {
            return "";
        }
        return switch (translation) {
            case "EXACT" -> "exact";
            case "APPROXIMATE" -> "approx. ± " + Formats.count(errorBound);
            case "NOT_COPIED" -> "not copied yet";
            case "UNMAPPED" -> "unmapped";
            default -> translation.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** "SYNCED" to "Synced", "ACTIVE_ON_TARGET" to "Active on target". */
    static String sentence(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "";
        }
        String words = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** How long ago {@code thenMs} was at {@code nowMs}: "never", "just now", "12 s ago", "3 min ago", "2 h ago". */
    public static String ago(long nowMs, long thenMs) {
        if (thenMs <= 0) {
            return "never";
        }
        long seconds = Math.max(0, (nowMs - thenMs) / 1000);
        if (seconds < 1) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }
}
