package io.mirador.ui.page.messages;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import io.mirador.cluster.ClusterException;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import io.mirador.ui.service.RecordSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.TimestampType;

/**
 * Test doubles for the Messages view-model: a {@link RecordSource} answering topics and partition counts from
 * maps, and scans that run a script on the calling thread (with the direct executor: the test thread). A scan
 * hands over records like {@link RecordScan} does: only those of the spec's partitions that pass its filter, one
 * listener call per batch, then progress.
 */
final class ScriptedScans implements ScanFactory {

    /** What one scan does when run; {@link Scripted#deliver} feeds its listener. */
    @FunctionalInterface
    interface Script {
        void run(Scripted scan);
    }

    final Source source = new Source();
    final List<Scripted> opened = new ArrayList<>();
    /** The script of the next scans; by default, deliver {@link #records} in batches of {@link #batchSize}. */
    Script script = scan -> scan.deliverAll();
    List<KafkaRecord> records = new ArrayList<>();
    int batchSize = 50;
    RuntimeException failure;

    @Override
    public Scan open(String cluster, ReadSpec spec, ScanListener listener) {
        Scripted scan = new Scripted(cluster, spec, listener, script);
        opened.add(scan);
        return scan;
    }

    Scripted last() {
        return opened.get(opened.size() - 1);
    }

    static KafkaRecord record(String topic, int partition, long offset, long timestamp, String key, String value) {
        return new KafkaRecord(topic, partition, offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), List.of(), 0);
    }

    final class Scripted implements Scan {
        final String cluster;
        final ReadSpec spec;
        final ScanListener listener;
        final Script body;
        volatile boolean cancelled;
        long scanned;
        long matched;

        Scripted(String cluster, ReadSpec spec, ScanListener listener, Script body) {
            this.cluster = cluster;
            this.spec = spec;
            this.listener = listener;
            this.body = body;
        }

        @Override
        public ScanProgress run() {
            if (failure != null) {
                throw failure;
            }
            body.run(this);
            return progress();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        /** Hands over the records of the batch the spec keeps, then the progress. */
        void deliver(List<KafkaRecord> batch) {
            List<KafkaRecord> kept = new ArrayList<>();
            for (KafkaRecord r : batch) {
                if (!spec.partitions().isEmpty() && !spec.partitions().contains(r.partition())) {
                    continue;
                }
                scanned++;
                if (matched < spec.limit() && spec.filter().test(r)) {
                    kept.add(r);
                    matched++;
                }
            }
            if (!kept.isEmpty()) {
                listener.onRecords(kept);
            }
            listener.onProgress(progress());
        }

        void deliverAll() {
            for (int i = 0; i < records.size(); i += batchSize) {
                deliver(records.subList(i, Math.min(records.size(), i + batchSize)));
            }
        }

        ScanProgress progress() {
            long total = spec.stop() instanceof io.mirador.cluster.record.StopAt.Live ? -1 : records.size();
            return new ScanProgress(scanned, matched, total, scanned, 1_000_000_000L);
        }
    }

    /** Topics and partition counts from maps; an unknown topic fails like the real source. */
    static final class Source implements RecordSource {
        final Map<String, Map<String, Integer>> partitions = new HashMap<>();
        final List<String> partitionRequests = new ArrayList<>();

        @Override
        public List<String> topics(String cluster) {
            return partitions.getOrDefault(cluster, Map.of()).keySet().stream().sorted().toList();
        }

        @Override
        public int partitions(String cluster, String topic) {
            partitionRequests.add(topic);
            Integer count = partitions.getOrDefault(cluster, Map.of()).get(topic);
            if (count == null) {
                throw new ClusterException("topic " + topic + " does not exist on cluster " + cluster, null);
            }
            return count;
        }

        @Override
        public RecordScan scan(String cluster, ReadSpec spec, ScanListener listener) {
            throw new UnsupportedOperationException("the tests open scans through ScriptedScans");
        }

        @Override
        public List<RecordMetadata> send(String cluster, String topic, KafkaRecord record, int times) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long sendLines(String cluster, String topic, BufferedReader lines, boolean keepPartitions,
                              LongConsumer progress) {
            throw new UnsupportedOperationException();
        }
    }
}
