package io.mirador.ui.page.topics;

import java.util.Map;

import io.mirador.cluster.topic.TopicRates;

/**
 * In-rates from consecutive topic listings of one cluster: each listing's latest offsets are compared with the
 * previous listing's, so rates cost no request of their own. The first listing after {@link #reset()} has no
 * rates. Not thread-safe: the view-model uses it on the UI thread.
 */
final class InRates {

    private TopicRates.Snapshot previous;

    /** Rates per topic since the previous snapshot; empty for the first one or when no time has passed. */
    Map<String, Double> next(TopicRates.Snapshot snapshot) {
        TopicRates.Snapshot before = previous;
        previous = snapshot;
        if (before == null || snapshot.takenAtNanos() <= before.takenAtNanos()) {
            return Map.of();
        }
        return TopicRates.rates(before, snapshot);
    }

    /** Whether the next snapshot has one to be compared with, so {@link #next} can tell rates. */
    boolean hasBaseline() {
        return previous != null;
    }

    /** Another cluster: its offsets must not be compared with the last one's. */
    void reset() {
        previous = null;
    }
}
