package io.mirador.replicator.engine;

import java.util.Map;

/**
 * A source topic a route copies: its Kafka topic id (which changes when the topic is recreated under the same
 * name), partition count, replication factor and non-default configs.
 */
record SourceTopic(String name, String topicId, int partitions, int replicationFactor, Map<String, String> configs) {
}
