package io.mirador.replicator.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Refuses, when a route is created or changed, identity naming between two cluster entries that reach one Kafka
 * cluster (different names, same brokers): every topic would be copied onto itself. Compares Kafka cluster ids,
 * never names or addresses. A cluster that does not answer within a few seconds cannot be compared here; the
 * route's runner compares again at every start, before it copies anything.
 */
final class SameClusterCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private SameClusterCheck() {
    }

    static void refuseCopyOntoItself(RouteConfig config, ClusterConnection source, ClusterConnection target) {
        if (!"identity".equals(config.namingPolicyName())) {
            return;
        }
        Optional<String> sourceId = clusterId(source);
        Optional<String> targetId = clusterId(target);
        if (sourceId.isPresent() && sourceId.equals(targetId)) {
            throw new InvalidRequestException("clusters " + source.name() + " and " + target.name() + " are the same"
                    + " Kafka cluster (id " + sourceId.get() + "): identity naming would copy every topic onto itself");
        }
    }

    /** The cluster's id, or empty when it does not answer in time. */
    static Optional<String> clusterId(ClusterConnection cluster) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "mirador-cluster-id");
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (RuntimeException unresolvable) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            admin.close(Duration.ZERO);
        }
    }
}
