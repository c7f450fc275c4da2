package io.mirador.cluster.group;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;

/**
 * Waits on Admin futures with the client's timeout and turns failures into one-line {@link ClusterException}s.
 * {@link ClusterClient}'s own wait is private, hence this small twin.
 */
final class GroupCalls {

    private final ClusterClient client;

    GroupCalls(ClusterClient client) {
        this.client = client;
    }

    Admin admin() {
        return client.admin();
    }

    ClusterConnection connection() {
        return client.connection();
    }

    ClusterException failure(String message) {
        return new ClusterException(message, null);
    }

    <T> T await(KafkaFuture<T> future, String what, String groupId) {
        return await(future, what, groupId, deadline());
    }

    /**
     * Every future of one batched call, under one deadline. Entries whose failure {@code skip} accepts are
     * left out (a group deleted or a topic removed while we asked is not an error for a listing).
     */
    <K, V> Map<K, V> awaitEach(Map<K, KafkaFuture<V>> futures, String what, Predicate<Throwable> skip) {
        long deadline = deadline();
        Map<K, V> values = new LinkedHashMap<>();
        for (Map.Entry<K, KafkaFuture<V>> e : futures.entrySet()) {
            try {
                values.put(e.getKey(), get(e.getValue(), deadline));
            } catch (ExecutionException ex) {
                if (!skip.test(ex.getCause())) {
                    throw new ClusterException(GroupErrors.describe(connection(), what, null, ex.getCause()), ex.getCause());
                }
            } catch (TimeoutException | InterruptedException ex) {
                throw waitFailure(what, ex);
            }
        }
        return values;
    }

    private <T> T await(KafkaFuture<T> future, String what, String groupId, long deadline) {
        try {
            return get(future, deadline);
        } catch (ExecutionException e) {
            throw new ClusterException(GroupErrors.describe(connection(), what, groupId, e.getCause()), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw waitFailure(what, e);
        }
    }

    private long deadline() {
        // Admin gives up after its own api timeout; the extra second lets its answer, not ours, win.
        return System.nanoTime() + client.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
    }

    private static <T> T get(KafkaFuture<T> future, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private ClusterException waitFailure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new ClusterException("interrupted while asking cluster " + connection().name() + " to " + what, e);
        }
        return new ClusterException("cluster " + connection().name() + " did not answer within "
                + client.timeout().toSeconds() + " s when asked to " + what, e);
    }
}
