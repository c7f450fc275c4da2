package io.mirador.ui.service;

import io.mirador.cluster.ClusterConnection;

/**
 * One cluster the console can show: a sandbox cluster or an external connection. Immutable; replaced in
 * {@link Connections#entries()} whenever something about it changes.
 *
 * @param available         whether pages should try to load it: a running sandbox cluster, or any external
 *                          connection (whose failures the pages then report)
 * @param unavailableReason why not, in a sentence; empty when available
 * @param connection        how to reach it; null for a sandbox cluster that is not running
 */
public record ConnectionEntry(String name, Kind kind, boolean available, String unavailableReason,
                              ClusterConnection connection) {

    public enum Kind { SANDBOX, EXTERNAL }

    public ConnectionEntry {
        unavailableReason = unavailableReason == null ? "" : unavailableReason;
    }

    public boolean sandbox() {
        return kind == Kind.SANDBOX;
    }

    /** Whether write actions (create, delete, reset, alter) must be refused. */
    public boolean readOnly() {
        return connection != null && connection.readOnly();
    }

    public String bootstrapServers() {
        return connection == null ? "" : connection.bootstrapServers();
    }
}
