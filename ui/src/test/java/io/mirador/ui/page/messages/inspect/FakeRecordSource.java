package io.mirador.ui.page.messages.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordJson;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Records what is sent; lines are parsed like the real writer does. Not thread-safe: DirectTaskExecutor tests. */
final class FakeRecordSource implements io.mirador.ui.service.RecordSource {

    record Sent(String cluster, String topic, KafkaRecord record, int times) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<KafkaRecord> lines = new ArrayList<>();
    final List<String> topics = new ArrayList<>(List.of("orders", "payments"));
    /** Runs after each line read by sendLines, with the count so far: lets a test cancel mid-way. */
    LongConsumer afterLine = n -> { };

    @Override
    public List<String> topics(String cluster) {
        return List.copyOf(topics);
    }

    @Override
    public int partitions(String cluster, String topic) {
        return 3;
    }

    @Override
    public RecordScan scan(String cluster, ReadSpec spec, ScanListener listener) {
        throw new UnsupportedOperationException("scans need a cluster: see ProduceDialogTest");
    }

    @Override
    public List<RecordMetadata> send(String cluster, String topic, KafkaRecord record, int times) {
        sent.add(new Sent(cluster, topic, record, times));
        List<RecordMetadata> result = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            result.add(new RecordMetadata(new TopicPartition(topic, 1), 10 + i, 0, 0L, 0, 0));
        }
        return result;
    }

    @Override
    public long sendLines(String cluster, String topic, BufferedReader reader, boolean keepPartitions,
                          LongConsumer progress) {
        long count = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(RecordJson.read(line, topic));
                    count++;
                    progress.accept(count);
                    afterLine.accept(count);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }
}
