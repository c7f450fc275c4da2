package io.mirador.ui.service;

import java.util.List;

import io.mirador.cluster.TopicSummary;

/** Lists a cluster's topics. Blocking: call from worker threads only. */
@FunctionalInterface
public interface TopicSource {

    /** Every topic of {@code cluster}, internal ones included, sorted by name. */
    List<TopicSummary> topics(String cluster);
}
