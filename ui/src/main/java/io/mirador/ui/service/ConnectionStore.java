package io.mirador.ui.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.state.ReplicationStore;

/**
 * Where the user's external connections are kept. Calls block on disk: worker threads only. Implementations
 * are thread-safe and never write a secret in plain text.
 */
public interface ConnectionStore {

    List<ClusterConnection> load();

    void save(ClusterConnection connection);

    void delete(String name);

    /**
     * The connections table of Mirador's H2 state, where secrets are encrypted. The store is asked for on each
     * call, on the calling worker thread, so it may still be opening when this is created.
     */
    static ConnectionStore of(Supplier<ReplicationStore> store) {
        return new ConnectionStore() {
            @Override
            public List<ClusterConnection> load() {
                return store.get().clusters();
            }

            @Override
            public void save(ClusterConnection connection) {
                store.get().putCluster(connection);
            }

            @Override
            public void delete(String name) {
                store.get().deleteCluster(name);
            }
        };
    }

    /** Kept in memory only, for tests and for a GUI whose state file could not be opened. */
    static ConnectionStore inMemory() {
        Map<String, ClusterConnection> saved = new ConcurrentSkipListMap<>();
        return new ConnectionStore() {
            @Override
            public List<ClusterConnection> load() {
                return new ArrayList<>(saved.values());
            }

            @Override
            public void save(ClusterConnection connection) {
                saved.put(connection.name(), connection);
            }

            @Override
            public void delete(String name) {
                saved.remove(name);
            }
        };
    }
}
