package io.mirador.replicator.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.TopicIdentity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the partitions a route has not copied yet in this run start: at their stored checkpoint when it was
 * taken for the same source and target topics of the same clusters ({@link TopicIdentity#sameAs}), otherwise at
 * the source's first offset. Never at a checkpoint of another log: that is how a reused state or a recreated
 * topic used to be skipped silently.
 */
final class StartOffsets {

    private StartOffsets() {
    }

    /**
     * @param identities the identity of each source topic as discovered now
     * @param ignored    told once per topic why its stored checkpoints are not used
     * @return the start offset of every partition of {@code fresh}
     */
    static Map<TopicPartition, Long> of(Collection<TopicPartition> fresh, Map<TopicPartition, Checkpoint> checkpoints,
                                        Map<String, TopicIdentity> identities, Admin source,
                                        BiConsumer<String, String> ignored) {
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, OffsetSpec> fromStart = new HashMap<>();
        Map<String, String> why = new TreeMap<>();
        for (TopicPartition tp : fresh) {
            Checkpoint cp = checkpoints.get(tp);
            TopicIdentity identity = identities.get(tp.topic());
            if (cp != null && cp.identity().sameAs(identity)) {
                start.put(tp, cp.sourceOffset());
            } else {
                fromStart.put(tp, OffsetSpec.earliest());
                if (cp != null) {
                    why.putIfAbsent(tp.topic(), cp.identity().differenceFrom(identity));
                }
            }
        }
        if (!fromStart.isEmpty()) {
            TopicSync.await(source.listOffsets(fromStart).all()).forEach((tp, info) -> start.put(tp, info.offset()));
        }
        why.forEach(ignored);
        return start;
    }
}
