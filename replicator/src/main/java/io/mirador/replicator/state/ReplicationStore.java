package io.mirador.replicator.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;

/**
 * The engine's durable state: clusters, routes, topic mappings, assignments, checkpoints, metric history
 * and the event log. Implementations are thread-safe; every write is durable when the call returns.
 */
public interface ReplicationStore extends AutoCloseable {

    // clusters
    void putCluster(ClusterConnection cluster);

    Optional<ClusterConnection> cluster(String name);

    List<ClusterConnection> clusters();

    boolean deleteCluster(String name);

    // routes
    void putRoute(RouteDefinition route);

    Optional<RouteDefinition> route(String name);

    List<RouteDefinition> routes();

    /** Deletes the route and everything kept for it (mappings, assignments, checkpoints, samples). */
    boolean deleteRoute(String name);

    // topic mappings
    void putTopicMapping(TopicMapping mapping);

    List<TopicMapping> topicMappings(String route);

    // assignments
    void replaceAssignments(String route, Collection<Assignment> assignments);

    List<Assignment> assignments(String route);

    // checkpoints
    void saveCheckpoints(Collection<Checkpoint> checkpoints);

    Map<TopicPartition, Checkpoint> checkpoints(String route);

    // metric history
    void addSamples(Collection<MetricSample> samples);

    /** Samples of one metric and scope between {@code fromMs} and {@code toMs}, oldest first. */
    List<MetricSample> samples(String route, String metric, String scope, long fromMs, long toMs);

    /**
     * Keeps full resolution for the last hour, one point per minute (the average) up to a day, and one per
     * ten minutes up to a week; drops older points.
     */
    void downsample(long nowMs);

    // events
    ReplicationEvent addEvent(ReplicationEvent event);

    /** Newest first; {@code route} null for all routes. */
    List<ReplicationEvent> events(String route, int limit);

    @Override
    void close();
}
