package io.mirador.ui.service.mirroring;

import java.util.Map;

import io.mirador.cluster.ClusterConnection;

/** Clusters as the console hands them to a mirroring engine. */
public final class MirroringClusters {

    private MirroringClusters() {
    }

    /**
     * A sandbox cluster for {@link MirroringService#putCluster}, marked {@link ClusterConnection#SANDBOX}: the
     * local engine keeps clusters in the table the saved connections live in, and the mark keeps it out of the
     * user's connection list. Its address changes on each sandbox start, hence put it again after a restart.
     */
    public static ClusterConnection sandbox(String name, String bootstrapServers) {
        return new ClusterConnection(name, bootstrapServers, Map.of(ClusterConnection.SANDBOX, "true"));
    }
}
