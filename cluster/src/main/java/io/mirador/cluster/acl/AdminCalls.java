package io.mirador.cluster.acl;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterErrors;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Waits for Admin futures within the client's timeout and turns failures into one plain line. */
final class AdminCalls {

    private AdminCalls() {
    }

    static <T> T await(ClusterClient client, KafkaFuture<T> future, String what, String neededPermission) {
        String cluster = client.connection().name();
        try {
            return future.get(client.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw explain(client.connection(), what, neededPermission, e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterException("cluster " + cluster + " did not answer within " + client.timeout().toSeconds()
                    + " s when asked to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking cluster " + cluster + " to " + what, e);
        }
    }

    static ClusterException explain(ClusterConnection connection, String what, String neededPermission, Throwable cause) {
        String cluster = connection.name();
        if (cause instanceof SecurityDisabledException) {
            return new NoAuthorizerException(cause);
        }
        String prefix = "cannot " + what + " on cluster " + cluster + ": ";
        if (cause instanceof AuthorizationException) {
            return new ClusterException(prefix + "not authorised (needs " + neededPermission + ")", cause);
        }
        if (cause instanceof UnsupportedVersionException) {
            return new ClusterException(prefix + "the cluster's Kafka version does not support it", cause);
        }
        if (cause instanceof InvalidRequestException) {
            return new ClusterException(prefix + "the cluster refused it: " + cause.getMessage(), cause);
        }
        return new ClusterException(ClusterErrors.describe(connection, what, cause), cause);
    }
}
