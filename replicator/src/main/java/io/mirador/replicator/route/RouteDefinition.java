package io.mirador.replicator.route;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A route as users write it (REST JSON, CLI, GUI) and as the state store keeps it: copy topics from the
 * {@code source} cluster to the {@code target} cluster, both named clusters. Null fields take the defaults
 * of {@link RouteConfig}; {@link RouteConfig#from(RouteDefinition)} validates it.
 *
 * @param topics      explicit whitelist of source topics (uReplicator's), may be empty
 * @param include     regular expression of source topics to copy as well, may be null
 * @param exclude     regular expression of source topics never to copy, may be null
 * @param naming      {@code identity}, {@code prefix} or {@code map}
 * @param namingMap   source topic to target topic, for {@code map}
 * @param sourceAlias prefix for {@code prefix} naming; the source cluster name when null
 * @param onDataLoss  {@code continue} (the default) or {@code stop}: what a partition does when the source deleted
 *                    records before they were copied (always reported)
 * @param exactlyOnce copy with transactions: a {@code read_committed} reader of the target sees each record once
 * @param syncGroupOffsets translate consumer groups' positions to the target (default true)
 * @param groupsInclude regular expression of consumer groups to sync, null for every group
 * @param groupsExclude regular expression of consumer groups never synced, null for the default exclusions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouteDefinition(String name, String source, String target, List<String> topics, String include,
                              String exclude, String naming, Map<String, String> namingMap, String sourceAlias,
                              Integer workers, Long maxBytesPerSecond, Long maxRecordsPerSecond,
                              Boolean provenanceHeader, Boolean paused, String onDataLoss, Boolean exactlyOnce,
                              Boolean syncGroupOffsets, String groupsInclude, String groupsExclude) {

    public RouteDefinition {
        topics = topics == null ? List.of() : List.copyOf(topics);
        namingMap = namingMap == null ? Map.of() : Map.copyOf(namingMap);
    }

    /** A definition with the defaults of the failover settings. */
    public RouteDefinition(String name, String source, String target, List<String> topics, String include,
                           String exclude, String naming, Map<String, String> namingMap, String sourceAlias,
                           Integer workers, Long maxBytesPerSecond, Long maxRecordsPerSecond,
                           Boolean provenanceHeader, Boolean paused, String onDataLoss) {
        this(name, source, target, topics, include, exclude, naming, namingMap, sourceAlias, workers,
                maxBytesPerSecond, maxRecordsPerSecond, provenanceHeader, paused, onDataLoss, null, null, null, null);
    }

    /** A definition with the default data-loss policy. */
    public RouteDefinition(String name, String source, String target, List<String> topics, String include,
                           String exclude, String naming, Map<String, String> namingMap, String sourceAlias,
                           Integer workers, Long maxBytesPerSecond, Long maxRecordsPerSecond,
                           Boolean provenanceHeader, Boolean paused) {
        this(name, source, target, topics, include, exclude, naming, namingMap, sourceAlias, workers,
                maxBytesPerSecond, maxRecordsPerSecond, provenanceHeader, paused, null);
    }

    /** The smallest useful route: every non-internal topic matching {@code include}, identity naming. */
    public static RouteDefinition of(String name, String source, String target, String include) {
        return new RouteDefinition(name, source, target, List.of(), include, null, null, null, null,
                null, null, null, null, null);
    }

    public RouteDefinition withTopics(List<String> newTopics) {
        return new RouteDefinition(name, source, target, newTopics, include, exclude, naming, namingMap, sourceAlias,
                workers, maxBytesPerSecond, maxRecordsPerSecond, provenanceHeader, paused, onDataLoss, exactlyOnce,
                syncGroupOffsets, groupsInclude, groupsExclude);
    }

    public RouteDefinition withPaused(boolean nowPaused) {
        return new RouteDefinition(name, source, target, topics, include, exclude, naming, namingMap, sourceAlias,
                workers, maxBytesPerSecond, maxRecordsPerSecond, provenanceHeader, nowPaused, onDataLoss, exactlyOnce,
                syncGroupOffsets, groupsInclude, groupsExclude);
    }

    public RouteDefinition withExactlyOnce(Boolean value) {
        return new RouteDefinition(name, source, target, topics, include, exclude, naming, namingMap, sourceAlias,
                workers, maxBytesPerSecond, maxRecordsPerSecond, provenanceHeader, paused, onDataLoss, value,
                syncGroupOffsets, groupsInclude, groupsExclude);
    }

    public RouteDefinition withGroupSync(Boolean enabled, String include, String exclude) {
        return new RouteDefinition(name, source, target, topics, this.include, this.exclude, naming, namingMap,
                sourceAlias, workers, maxBytesPerSecond, maxRecordsPerSecond, provenanceHeader, paused, onDataLoss,
                exactlyOnce, enabled, include, exclude);
    }

    public boolean isPaused() {
        return Boolean.TRUE.equals(paused);
    }
}
