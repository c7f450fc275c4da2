package io.mirador.cluster.record.filter;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Adapts a consumed record; the header list is built on first use, since most filters never look at headers. */
final class KafkaRecordView implements FilterRecord {

    private final ConsumerRecord<byte[], byte[]> record;
    private List<Map.Entry<String, byte[]>> headers;

    KafkaRecordView(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
    }

    @Override
    public int partition() {
        return record.partition();
    }

    @Override
    public long offset() {
        return record.offset();
    }

    @Override
    public long timestamp() {
        return record.timestamp();
    }

    @Override
    public byte[] key() {
        return record.key();
    }

    @Override
    public byte[] value() {
        return record.value();
    }

    @Override
    public List<Map.Entry<String, byte[]>> headers() {
        if (headers == null) {
            List<Map.Entry<String, byte[]>> list = new ArrayList<>();
            for (Header header : record.headers()) {
                list.add(new AbstractMap.SimpleImmutableEntry<>(header.key(), header.value()));
            }
            headers = list;
        }
        return headers;
    }
}
