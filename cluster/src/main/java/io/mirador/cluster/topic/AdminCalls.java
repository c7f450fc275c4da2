package io.mirador.cluster.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.common.KafkaFuture;

/** Admin calls for topic and broker operations: waiting (through {@link ClusterClient#await}), refusals, batching. */
public final class AdminCalls {

    /**
     * Topics per DescribeTopics and per ListOffsets request: large enough that 10,000 topics cost ten
     * round trips, small enough that one response stays a few megabytes.
     */
    public static final int BATCH = 1000;

    private AdminCalls() {
    }

    public static <T> T await(ClusterClient client, KafkaFuture<T> future, String what) {
        return client.await(future, what);
    }

    /** A failure the caller detected itself (bad input, refused operation), worded like the others. */
    public static ClusterException refused(ClusterClient client, String what, String why) {
        return new ClusterException("cannot " + what + " on cluster " + client.connection().name() + ": " + why, null);
    }

    /** Splits a collection into lists of at most {@code size} elements, in iteration order. */
    public static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, items.size()));
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
