package io.mirador.ui.service;

import java.io.BufferedReader;
import java.util.List;
import java.util.function.LongConsumer;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Reading and writing records of any known cluster, for the message browser. Blocking: worker threads only.
 * Writes are refused for read-only connections.
 */
public interface RecordSource {

    /** Topic names of {@code cluster}, internal ones excluded, sorted. */
    List<String> topics(String cluster);

    /** Number of partitions of {@code topic}. */
    int partitions(String cluster, String topic);

    /**
     * A read, not started: the caller runs {@link RecordScan#run()} on a worker thread and may cancel it from any
     * thread.
     */
    RecordScan scan(String cluster, ReadSpec spec, ScanListener listener);

    /** Sends {@code record} {@code times} times to {@code topic} and waits for the acknowledgements. */
    List<RecordMetadata> send(String cluster, String topic, KafkaRecord record, int times);

    /** Sends JSON lines (the export form) to {@code topic}; {@code progress} gets the count so far. */
    long sendLines(String cluster, String topic, BufferedReader lines, boolean keepPartitions, LongConsumer progress);
}
