package io.mirador.replicator.state;

/**
 * A source topic of a route and where it goes; {@code modulo} when the target has fewer partitions.
 * {@code identity} names the source and target topics the mapping was made for.
 */
public record TopicMapping(String route, String sourceTopic, String targetTopic, int sourcePartitions,
                           int targetPartitions, TopicIdentity identity) {

    public TopicMapping {
        identity = identity == null ? TopicIdentity.UNKNOWN : identity;
    }

    public TopicMapping(String route, String sourceTopic, String targetTopic, int sourcePartitions,
                        int targetPartitions) {
        this(route, sourceTopic, targetTopic, sourcePartitions, targetPartitions, TopicIdentity.UNKNOWN);
    }

    public boolean modulo() {
        return targetPartitions < sourcePartitions;
    }
}
