package io.mirador.bench;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.RecordScan;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The baseline of a search: reading a whole topic with nothing done per record but counting it. */
final class RawScan {

    private RawScan() {
    }

    /**
     * The practical limit: a plain consumer with the same fetch settings as RecordScan reads every record of
     * {@code topic} without making anything of it. Returns records/s and the count; timed as ScanProgress is, from
     * before the consumer is created until the last record is in, so closing the consumer (which can wait out a
     * fetch the broker holds at the end of the log) is not counted.
     */
    static double[] read(ClusterConnection connection, String topic) {
        long t0 = System.nanoTime();
        long count = 0;
        long bytes = 0;
        long end;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(RecordScan.consumerProperties(connection))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> stop = consumer.endOffsets(partitions);
            Set<TopicPartition> active = new HashSet<>(partitions);
            while (!active.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    bytes += r.serializedValueSize(); // touches each record, so none is optimised away
                }
                active.removeIf(tp -> consumer.position(tp) >= stop.get(tp));
            }
            end = System.nanoTime();
        }
        if (bytes <= 0) {
            throw new IllegalStateException("raw read found no data");
        }
        return new double[] {count / ((end - t0) / 1e9), count};
    }
}
