package io.mirador.cluster.topic;

import java.util.List;

import io.mirador.cluster.TopicSummary;

/**
 * The topic table plus the latest offsets it was computed from. Keeping the offsets lets callers derive
 * in-rates from two consecutive listings ({@link TopicRates#rates}) without another ListOffsets per topic.
 */
public record TopicList(List<TopicSummary> topics, TopicRates.Snapshot latestOffsets) {

    public TopicList {
        topics = List.copyOf(topics);
    }
}
