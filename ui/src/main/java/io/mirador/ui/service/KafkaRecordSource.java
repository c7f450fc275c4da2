package io.mirador.ui.service;

import java.io.BufferedReader;
import java.util.List;
import java.util.function.LongConsumer;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.RecordWriter;
import io.mirador.cluster.record.ScanListener;
import org.apache.kafka.clients.producer.RecordMetadata;

/** {@link RecordSource} over the shared clients; each read has its own consumer, each write its own producer. */
public final class KafkaRecordSource implements RecordSource {

    private final Connections connections;
    private final ClusterClients clients;

    public KafkaRecordSource(Connections connections, ClusterClients clients) {
        this.connections = connections;
        this.clients = clients;
    }

    @Override
    public List<String> topics(String cluster) {
        ClusterClient client = clients.client(cluster);
        return client.await(client.admin().listTopics().names(), "list topics").stream().sorted().toList();
    }

    @Override
    public int partitions(String cluster, String topic) {
        ClusterClient client = clients.client(cluster);
        return client.await(client.admin().describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
                .get(topic).partitions().size();
    }

    @Override
    public RecordScan scan(String cluster, ReadSpec spec, ScanListener listener) {
        return new RecordScan(connections.connection(cluster), spec, listener);
    }

    @Override
    public List<RecordMetadata> send(String cluster, String topic, KafkaRecord record, int times) {
        try (RecordWriter writer = new RecordWriter(writable(cluster))) {
            return writer.send(topic, record, times);
        }
    }

    @Override
    public long sendLines(String cluster, String topic, BufferedReader lines, boolean keepPartitions, LongConsumer progress) {
        try (RecordWriter writer = new RecordWriter(writable(cluster))) {
            return writer.sendLines(topic, lines, keepPartitions, progress);
        }
    }

    private ClusterConnection writable(String cluster) {
        // Same check and message as every other write: ClusterClients knows the read-only rule.
        return clients.writableClient(cluster).connection();
    }
}
