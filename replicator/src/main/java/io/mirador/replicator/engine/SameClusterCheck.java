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
import org.apache.kafka.common.KafkaFuture;

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
        // Both asked at once, one deadline for both: an unreachable cluster costs TIMEOUT, not twice that.
        Admin sourceAdmin = admin(source);
        Admin targetAdmin = admin(target);
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            KafkaFuture<String> sourceId = sourceAdmin == null ? null : sourceAdmin.describeCluster().clusterId();
            KafkaFuture<String> targetId = targetAdmin == null ? null : targetAdmin.describeCluster().clusterId();
            Optional<String> s = await(sourceId, deadline);
            if (s.isPresent() && s.equals(await(targetId, deadline))) {
                throw new InvalidRequestException("clusters " + source.name() + " and " + target.name() + " are the same"
                        + " Kafka cluster (id " + s.get() + "): identity naming would copy every topic onto itself");
            }
        } finally {
            close(sourceAdmin);
            close(targetAdmin);
        }
    }

    /** An admin client that gives up after {@link #TIMEOUT}; null when the address cannot even be resolved. */
    private static Admin admin(ClusterConnection cluster) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "mirador-cluster-id");
        try {
            return Admin.create(props);
        } catch (RuntimeException unresolvable) {
            return null;
        }
    }

    /** The id, or empty when it did not come by {@code deadline} (System.nanoTime). */
    private static Optional<String> await(KafkaFuture<String> id, long deadline) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(id.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void close(Admin admin) {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
