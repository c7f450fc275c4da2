package io.mirador.ui.service;

import io.mirador.cluster.broker.ClusterSummary;

/** The cluster-wide summary shown on the Overview page. Blocking: call from worker threads only. */
public interface OverviewSource {

    /** Brokers and cluster-wide counts of {@code cluster}. */
    ClusterSummary summary(String cluster);
}
