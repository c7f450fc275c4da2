package io.mirador.replicator.state;

/**
 * Which topic of which cluster, on each side of a route, a checkpoint or topic mapping was written for: Kafka
 * cluster ids and topic ids, never names, since a name can point at another cluster (a reused state, a changed
 * bootstrap address) or at a recreated topic. A field is null when it is not known (rows of schema version 1).
 *
 * <p>Invariant used by the engine: progress recorded under one identity is applied only to that same identity;
 * an unknown identity matches nothing.
 */
public record TopicIdentity(String sourceClusterId, String sourceTopicId, String targetClusterId,
                            String targetTopicId) {

    /** Rows written before identities were kept. */
    public static final TopicIdentity UNKNOWN = new TopicIdentity(null, null, null, null);

    /** True when every id is known and equal: progress recorded under {@code this} is valid for {@code current}. */
    public boolean sameAs(TopicIdentity current) {
        return isComplete() && equals(current);
    }

    public boolean isComplete() {
        return sourceClusterId != null && sourceTopicId != null && targetClusterId != null && targetTopicId != null;
    }

    /** Why progress recorded under {@code this} does not apply to {@code current}, for the event log. */
    public String differenceFrom(TopicIdentity current) {
        if (!isComplete()) {
            return "it was saved by an older Mirador that did not record which cluster and topic it belongs to";
        }
        if (!sourceClusterId.equals(current.sourceClusterId)) {
            return "it belongs to source cluster " + sourceClusterId + ", now " + current.sourceClusterId;
        }
        if (!sourceTopicId.equals(current.sourceTopicId)) {
            return "the source topic was deleted and recreated (topic id " + sourceTopicId + ", now "
                    + current.sourceTopicId + ")";
        }
        if (!targetClusterId.equals(current.targetClusterId)) {
            return "it belongs to target cluster " + targetClusterId + ", now " + current.targetClusterId;
        }
        if (!targetTopicId.equals(current.targetTopicId)) {
            return "the target topic was deleted and recreated (topic id " + targetTopicId + ", now "
                    + current.targetTopicId + ")";
        }
        return "it matches";
    }
}
