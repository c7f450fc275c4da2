package io.mirador.cluster.record.filter;

import java.util.List;
import java.util.Map;

/** {@link FilterRecord} over values held in memory. */
record PlainRecord(int partition, long offset, long timestamp, byte[] key, byte[] value,
                   List<Map.Entry<String, byte[]>> headers) implements FilterRecord {
}
