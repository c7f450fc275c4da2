package io.mirador.replicator.offsets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.mirador.replicator.state.TopicIdentity;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset mapping of one source partition to its target partition: run-length {@link OffsetSegment}s, in
 * memory, indexed by source offset.
 *
 * <p>Invariant: segments do not overlap; a later copy of the same source offsets wins. Segments are appended in
 * the order the partition's checkpoint passes them, so appending a segment that starts below the last end (records
 * resent from a checkpoint after a crash or a failed send, or a source log truncated and rewritten) replaces
 * everything from its start on: a group placed on the latest copy reads each record once from there.
 *
 * <p>Persistence: every change is remembered as dirty until {@link #drainDirty()} hands it to the writer (a
 * removed segment as a tombstone), together with {@link #coveredTo()}, the checkpoint the segments reach.
 *
 * <p>Threading: all methods synchronize on this object; appends come from the producer's callback thread once per
 * completed batch, translations from the route's planner thread.
 */
public final class PartitionOffsetMap {

    /** Beyond this many segments (a source compacted record by record, say) the oldest are dropped. */
    static final int MAX_SEGMENTS = 100_000;

    private final TopicPartition source;
    private final TopicIdentity identity;
    private final String targetTopic;
    private final int targetPartition;
    private final NavigableMap<Long, OffsetSegment> segments = new TreeMap<>();
    /** Source start of each changed segment since the last drain, and its new value (null: removed). */
    private final Map<Long, OffsetSegment> dirty = new LinkedHashMap<>();
    /**
     * Whether the first segment starts where copying of this partition began (the source's first record then):
     * offsets below it never had a record to copy. False once segments were dropped, or when the map was
     * loaded without that knowledge.
     */
    private boolean startsAtOrigin;
    /** Every source offset below this was copied (the checkpoint as of the last drain or load). */
    private long coveredTo = -1;
    private boolean coveredDirty;

    public PartitionOffsetMap(TopicPartition source, TopicIdentity identity, String targetTopic, int targetPartition) {
        this.source = source;
        this.identity = identity;
        this.targetTopic = targetTopic;
        this.targetPartition = targetPartition;
    }

    public TopicPartition source() {
        return source;
    }

    public TopicIdentity identity() {
        return identity;
    }

    public String targetTopic() {
        return targetTopic;
    }

    public int targetPartition() {
        return targetPartition;
    }

    /**
     * Copying of this partition begins at {@code sourceOffset} (the source's first offset) with no stored
     * checkpoint: the source has nothing below it. Called before the first append, which replaces whatever an
     * earlier copy had recorded from there on.
     */
    public synchronized void beginsAt(long sourceOffset) {
        startsAtOrigin = true;
        coveredTo = sourceOffset;
        coveredDirty = true;
    }

    /**
     * Copying resumes at checkpoint {@code sourceOffset}: records below it were copied. What the stored mapping
     * does not cover below it becomes a hole, never translated.
     */
    public synchronized void resumesAt(long sourceOffset) {
        long known = Math.max(coveredTo, segments.isEmpty() ? -1 : segments.lastEntry().getValue().sourceEnd());
        if (known < sourceOffset) {
            long holeStart = Math.max(0, known);
            if (holeStart < sourceOffset) {
                append(new OffsetSegment(holeStart, sourceOffset, OffsetSegment.UNKNOWN));
            }
        }
        coveredTo = Math.max(coveredTo, sourceOffset);
    }

    /** Records {@code [sourceStart, sourceEnd)} are on the target from {@code targetStart} on, in order. */
    public synchronized void append(OffsetSegment segment) {
        // A later copy of the same offsets wins: drop and cut what it overlaps.
        NavigableMap<Long, OffsetSegment> above = segments.tailMap(segment.sourceStart(), true);
        for (Long key : new ArrayList<>(above.keySet())) {
            above.remove(key);
            dirty.put(key, null);
        }
        Map.Entry<Long, OffsetSegment> floor = segments.floorEntry(segment.sourceStart());
        OffsetSegment toPut = segment;
        if (floor != null) {
            OffsetSegment before = floor.getValue();
            if (before.sourceEnd() > segment.sourceStart()) {
                before = before.endingAt(segment.sourceStart());
                put(before);
            }
            if (before.continuedBy(segment.sourceStart(), segment.targetStart())) {
                toPut = new OffsetSegment(before.sourceStart(), segment.sourceEnd(), before.targetStart());
            } else if (before.hole() && segment.hole() && before.sourceEnd() == segment.sourceStart()) {
                toPut = new OffsetSegment(before.sourceStart(), segment.sourceEnd(), OffsetSegment.UNKNOWN);
            }
        }
        put(toPut);
        while (segments.size() > MAX_SEGMENTS) {
            Long oldest = segments.firstKey();
            segments.remove(oldest);
            dirty.put(oldest, null);
            startsAtOrigin = false;
        }
    }

    /** A segment as loaded from the mapping topic: replayed with the same overwrite rule, not dirty. */
    synchronized void load(OffsetSegment segment, boolean origin) {
        append(segment);
        if (origin && segments.firstKey() == segment.sourceStart()) {
            startsAtOrigin = true;
        }
        dirty.clear();
    }

    /** A segment removed in the mapping topic (a tombstone), replayed at load. */
    synchronized void loadRemoval(long sourceStart) {
        segments.remove(sourceStart);
        dirty.clear();
    }

    synchronized void loadCoveredTo(long offset) {
        coveredTo = Math.max(coveredTo, offset);
        coveredDirty = false;
    }

    /** The checkpoint moved to {@code offset}: everything below it is copied and, by now, appended. */
    public synchronized void coveredTo(long offset) {
        if (offset > coveredTo) {
            coveredTo = offset;
            coveredDirty = true;
        }
    }

    public synchronized long coveredTo() {
        return coveredTo;
    }

    /**
     * Where a group whose committed offset on the source is {@code committed} (the next record it would read)
     * resumes on the target, when every source offset below {@code copiedTo} is on the target.
     */
    public synchronized Translation translate(long committed, long copiedTo) {
        if (committed > copiedTo) {
            return Translation.NOT_COPIED;
        }
        if (segments.isEmpty()) {
            return Translation.UNMAPPED;
        }
        Map.Entry<Long, OffsetSegment> floor = segments.floorEntry(committed);
        if (floor == null) {
            OffsetSegment first = segments.firstEntry().getValue();
            if (first.hole()) {
                return Translation.UNMAPPED;
            }
            if (startsAtOrigin) {
                return Translation.exact(first.targetStart());
            }
            long distance = first.sourceStart() - committed;
            return Translation.approximate(Math.max(0, first.targetStart() - distance), distance);
        }
        OffsetSegment segment = floor.getValue();
        if (segment.contains(committed)) {
            return segment.hole() ? Translation.UNMAPPED : Translation.exact(segment.targetOf(committed));
        }
        // Past the segment's last record: the group's next record is the next segment's first.
        Map.Entry<Long, OffsetSegment> next = segments.higherEntry(committed);
        if (next != null) {
            return next.getValue().hole() ? Translation.UNMAPPED : Translation.exact(next.getValue().targetStart());
        }
        // Caught up: its next record will be copied right after the last one.
        return segment.hole() ? Translation.UNMAPPED : Translation.exact(segment.targetEnd());
    }

    public synchronized List<OffsetSegment> segments() {
        return List.copyOf(segments.values());
    }

    /** Whether the first segment starts where copying began; persisted with that segment. */
    synchronized boolean startsAtOrigin() {
        return startsAtOrigin;
    }

    /** Changes since the last drain, to persist; {@code null} values are removals. Marks them clean. */
    public synchronized Changes drainDirty() {
        Map<Long, OffsetSegment> changed = new LinkedHashMap<>(dirty);
        dirty.clear();
        long covered = coveredDirty ? coveredTo : -1;
        coveredDirty = false;
        Long firstKey = segments.isEmpty() ? null : segments.firstKey();
        return new Changes(changed, covered, startsAtOrigin ? firstKey : null);
    }

    /** A drain that could not be written: its changes are dirty again (unless overwritten since). */
    public synchronized void undrain(Changes changes) {
        changes.segments().forEach((key, value) -> dirty.putIfAbsent(key, segments.get(key)));
        if (changes.coveredTo() >= 0) {
            coveredDirty = true;
        }
    }

    /**
     * @param segments    changed segments by source start; a null value is a removal
     * @param coveredTo   the checkpoint to record, -1 when unchanged
     * @param originStart the source start of the first segment when copying began there, else null
     */
    public record Changes(Map<Long, OffsetSegment> segments, long coveredTo, Long originStart) {
        public boolean isEmpty() {
            return segments.isEmpty() && coveredTo < 0;
        }
    }

    private void put(OffsetSegment segment) {
        segments.put(segment.sourceStart(), segment);
        dirty.put(segment.sourceStart(), segment);
    }
}
