package io.mirador.cluster;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;

/**
 * One cluster's Admin client with the connection's timeout and one-line errors ({@link #await}). Every call
 * blocks up to {@link #timeout()}, so callers run it off the UI thread; topic, group and broker listings are in
 * the {@code topic}, {@code group} and {@code broker} packages, batched. Thread-safe: Admin is.
 */
public final class ClusterClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterConnection connection;
    private final Admin admin;
    private final Duration timeout;

    public ClusterClient(ClusterConnection connection) {
        this(connection, DEFAULT_TIMEOUT);
    }

    public ClusterClient(ClusterConnection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
        Map<String, Object> props = connection.clientProperties();
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "mirador-" + connection.name());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000));
        this.admin = Admin.create(props);
    }

    public ClusterConnection connection() {
        return connection;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The raw Admin client, for operations this class does not wrap yet. */
    public Admin admin() {
        return admin;
    }

    public ClusterOverview overview() {
        DescribeClusterResult result = admin.describeCluster();
        String id = await(result.clusterId(), "describe the cluster");
        Node controller = await(result.controller(), "describe the cluster");
        List<BrokerNode> brokers = await(result.nodes(), "describe the cluster").stream()
                .map(n -> new BrokerNode(n.id(), n.host(), n.port(), n.rack()))
                .sorted(Comparator.comparingInt(BrokerNode::id))
                .toList();
        return new ClusterOverview(id, controller == null ? -1 : controller.id(), brokers);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /**
     * Waits for one Admin result within this client's timeout; any failure becomes a {@link ClusterException}
     * with a one-line message ("cannot {@code what} on cluster X: ...").
     */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClusterException(ClusterErrors.describe(connection, what, e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterException("cluster " + connection.name() + " did not answer within "
                    + timeout.toSeconds() + " s when asked to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking cluster " + connection.name() + " to " + what, e);
        }
    }
}
