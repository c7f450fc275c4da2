package io.mirador.replicator.route;

/** Decides which source topics a route copies (Kafka's {@code TopicFilter}). Thread-safe. */
public interface TopicFilter {

    boolean shouldReplicate(String topic);
}
