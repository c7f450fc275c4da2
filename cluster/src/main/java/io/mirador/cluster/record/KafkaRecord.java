package io.mirador.cluster.record;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mirador.cluster.record.filter.FilterRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * One record as Mirador keeps it after reading: raw key, value and header bytes (null when absent), never
 * decoded, so binary data and 20 MB values survive as they are. Immutable by convention: the arrays are not
 * copied, nobody writes to them.
 *
 * @param leaderEpoch the leader epoch the record was written under, or -1 when the broker did not say
 */
public record KafkaRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                          byte[] key, byte[] value, List<RecordHeader> recordHeaders, int leaderEpoch)
        implements FilterRecord {

    /** One header; a record may carry the same name several times. */
    public record RecordHeader(String key, byte[] value) {

        public RecordHeader {
            Objects.requireNonNull(key, "key");
        }
    }

    public KafkaRecord {
        Objects.requireNonNull(topic, "topic");
        timestampType = timestampType == null ? TimestampType.NO_TIMESTAMP_TYPE : timestampType;
        recordHeaders = List.copyOf(recordHeaders);
    }

    public static KafkaRecord of(ConsumerRecord<byte[], byte[]> record) {
        List<RecordHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new RecordHeader(header.key(), header.value()));
        }
        Optional<Integer> epoch = record.leaderEpoch();
        return new KafkaRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.key(), record.value(), headers, epoch.orElse(-1));
    }

    @Override
    public List<Map.Entry<String, byte[]>> headers() {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(recordHeaders.size());
        for (RecordHeader header : recordHeaders) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(header.key(), header.value()));
        }
        return entries;
    }

    /** Bytes of key, value and headers: what the record weighs, give or take Kafka's framing. */
    public int size() {
        int size = length(key) + length(value);
        for (RecordHeader header : recordHeaders) {
            size += header.key().length() + length(header.value());
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaRecord r && r.topic.equals(topic) && r.partition == partition
                && r.offset == offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return "KafkaRecord[" + topic + "-" + partition + "@" + offset + ", " + size() + " bytes]";
    }
}
