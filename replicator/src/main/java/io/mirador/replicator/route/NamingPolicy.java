package io.mirador.replicator.route;

/**
 * Names a source topic on the target cluster (Kafka's {@code ReplicationPolicy}, reduced to what a route
 * needs). Implementations must be deterministic and thread-safe.
 */
public interface NamingPolicy {

    String targetTopic(String sourceTopic);

    /** Target name equals source name: the usual choice for migrations and DR with distinct clusters. */
    NamingPolicy IDENTITY = sourceTopic -> sourceTopic;

    /** {@code <alias>.<topic>}, as MirrorMaker 2's default policy, for aggregation of several sources. */
    static NamingPolicy prefix(String alias) {
        return sourceTopic -> alias + "." + sourceTopic;
    }

    /** An explicit map; topics not in it keep their names. */
    static NamingPolicy map(java.util.Map<String, String> names) {
        java.util.Map<String, String> copy = java.util.Map.copyOf(names);
        return sourceTopic -> copy.getOrDefault(sourceTopic, sourceTopic);
    }
}
