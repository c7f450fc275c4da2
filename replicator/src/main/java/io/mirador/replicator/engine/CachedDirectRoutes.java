package io.mirador.replicator.engine;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's answer to "does a route copy this origin cluster's topic straight into my target?", asked by workers
 * for every record that came from elsewhere: cached per (origin, topic) for a few seconds, since routes change
 * rarely and records arrive by the thousand. Thread-safe.
 */
final class CachedDirectRoutes implements WorkerSettings.DirectRoutes {

    private static final long TTL_MS = 5_000;

    private final WorkerSettings.DirectRoutes delegate;
    private final ConcurrentHashMap<String, long[]> answers = new ConcurrentHashMap<>();

    CachedDirectRoutes(WorkerSettings.DirectRoutes delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean exists(int originCluster, String topic) {
        String key = originCluster + "\0" + topic;
        long now = System.currentTimeMillis();
        long[] cached = answers.get(key);
        if (cached != null && now - cached[1] < TTL_MS) {
            return cached[0] == 1;
        }
        boolean answer = delegate.exists(originCluster, topic);
        if (answers.size() > 10_000) {
            answers.clear();
        }
        answers.put(key, new long[] {answer ? 1 : 0, now});
        return answer;
    }
}
