package io.mirador.ui.service.mirroring;

import java.util.List;

import io.mirador.replicator.engine.GroupSyncStatus;

/**
 * The consumer groups a route's offset sync looks after, as {@code GET /api/v1/routes/{name}/groups} answers
 * them: each group's source and translated target positions, and when the last sync round finished.
 *
 * @param lastSyncMs when the route's last group sync round finished; 0 when none did
 * @param groups     empty while the route does not run or does not sync groups
 */
public record RouteGroups(String route, long lastSyncMs, List<GroupSyncStatus> groups) {

    public RouteGroups {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
