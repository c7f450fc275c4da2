package io.mirador.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Counts records in a target topic by its end offsets: one cheap Admin call per poll, the same for every
 * contender, so "done" means the same thing for all of them (the target holds every record).
 */
final class TargetWatch implements AutoCloseable {

    private static final long POLL_MS = 20;

    private final Admin admin;

    TargetWatch(String bootstrap) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /**
     * Blocks until {@code topic} holds at least {@code expected} records; fails after {@code timeoutMs}.
     *
     * @return {@link System#nanoTime()} when the first record was seen (to one poll, {@value #POLL_MS} ms): the
     *         end of the contender's start-up
     */
    long await(String topic, long expected, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long count = 0;
        long first = 0;
        while (System.currentTimeMillis() < deadline) {
            count = count(topic);
            if (count > 0 && first == 0) {
                first = System.nanoTime();
            }
            if (count >= expected) {
                return first;
            }
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException(topic + " holds " + count + " of " + expected + " records after " + timeoutMs + " ms");
    }

    /** End offsets summed over partitions; 0 while the topic does not exist. Topics here start at offset 0. */
    long count(String topic) throws Exception {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    /** Drops a finished copy so that disk use does not grow with the number of rounds. */
    void delete(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (Exception e) {
            System.err.println("could not delete " + topic + ": " + e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
