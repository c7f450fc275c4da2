package io.mirador.replicator.state;

/** A source topic of a route and where it goes; {@code modulo} when the target has fewer partitions. */
public record TopicMapping(String route, String sourceTopic, String targetTopic, int sourcePartitions,
                           int targetPartitions) {

    public boolean modulo() {
        return targetPartitions < sourcePartitions;
    }
}
