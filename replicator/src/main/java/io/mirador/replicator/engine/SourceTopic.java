package io.mirador.replicator.engine;

import java.util.Map;

/** A source topic a route copies: its partition count, replication factor and non-default configs. */
record SourceTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
}
