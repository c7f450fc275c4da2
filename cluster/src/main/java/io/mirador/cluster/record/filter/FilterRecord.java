package io.mirador.cluster.record.filter;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a filter can see of a record. Keys, values and header values are raw bytes, null when absent (a
 * record without a key, a tombstone, a header with a null value); filters decode them only when asked to.
 */
public interface FilterRecord {

    int partition();

    long offset();

    /** Epoch milliseconds, as Kafka gives them. */
    long timestamp();

    byte[] key();

    byte[] value();

    /** Headers in record order; a name may repeat. */
    List<Map.Entry<String, byte[]>> headers();

    /** A view of a consumed record; headers are copied out of Kafka's {@code Headers} only if a filter reads them. */
    static FilterRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new KafkaRecordView(record);
    }

    /** A record built from plain values, for tests, benchmarks and records that did not come from a consumer. */
    static FilterRecord of(int partition, long offset, long timestamp, byte[] key, byte[] value,
                           List<Map.Entry<String, byte[]>> headers) {
        return new PlainRecord(partition, offset, timestamp, key, value, List.copyOf(headers));
    }
}
