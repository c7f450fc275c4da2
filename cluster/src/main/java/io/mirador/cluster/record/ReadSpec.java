package io.mirador.cluster.record;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.common.utils.Utils;

/**
 * What to read: a topic, its partitions (empty: all), where to start and stop, which records to keep and at most
 * how many to keep. Immutable.
 *
 * @param limit the most matching records to hand over before the read ends; {@link Long#MAX_VALUE} for no cap
 */
public record ReadSpec(String topic, Set<Integer> partitions, StartAt start, StopAt stop,
                       Predicate<? super KafkaRecord> filter, long limit) {

    public ReadSpec {
        Objects.requireNonNull(topic, "topic");
        partitions = Set.copyOf(partitions == null ? Set.of() : partitions);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        filter = filter == null ? r -> true : filter;
        if (limit <= 0) {
            throw new IllegalArgumentException("a read needs a limit ≥ 1");
        }
    }

    /** Every record of every partition, from the earliest to the end as it is now. */
    public static ReadSpec wholeTopic(String topic) {
        return new ReadSpec(topic, Set.of(), StartAt.earliest(), StopAt.end(), null, Long.MAX_VALUE);
    }

    public ReadSpec withPartitions(Set<Integer> chosen) {
        return new ReadSpec(topic, chosen, start, stop, filter, limit);
    }

    public ReadSpec withFilter(Predicate<? super KafkaRecord> keep) {
        return new ReadSpec(topic, partitions, start, stop, keep, limit);
    }

    public ReadSpec withLimit(long max) {
        return new ReadSpec(topic, partitions, start, stop, filter, max);
    }

    public ReadSpec from(StartAt from) {
        return new ReadSpec(topic, partitions, from, stop, filter, limit);
    }

    public ReadSpec to(StopAt to) {
        return new ReadSpec(topic, partitions, start, to, filter, limit);
    }

    /**
     * "Find by key": only the partition Kafka's default partitioner sends {@code key} to, and only records with
     * exactly that key.
     */
    public ReadSpec forKey(byte[] key, int partitionCount) {
        byte[] wanted = key.clone();
        return new ReadSpec(topic, Set.of(partitionForKey(wanted, partitionCount)), start, stop,
                r -> Arrays.equals(r.key(), wanted) && filter.test(r), limit);
    }

    /** The partition the Java producer's default partitioner picks for a non-null key: murmur2, positive, modulo. */
    public static int partitionForKey(byte[] key, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("a topic has at least one partition");
        }
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }
}
