package io.mirador.ui.page.brokers;

/**
 * The bytes one topic's replicas take in one log directory, and their share of what Kafka uses there (0..1,
 * 0 when the directory is empty).
 */
public record TopicUsage(String topic, long bytes, double share) {
}
