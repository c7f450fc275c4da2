package io.mirador.ui.page.messages.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.mirador.cluster.record.KafkaRecord;
import org.apache.kafka.common.record.TimestampType;

/** Test records. */
final class Records {

    private Records() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static KafkaRecord record(byte[] key, byte[] value, KafkaRecord.RecordHeader... headers) {
        return new KafkaRecord("orders", 2, 42, 1_764_064_800_123L, TimestampType.CREATE_TIME, key, value,
                List.of(headers), -1);
    }

    static KafkaRecord text(String key, String value) {
        return record(key == null ? null : utf8(key), value == null ? null : utf8(value));
    }

    /** {@code size} bytes of readable text with line breaks. */
    static byte[] bigText(int size) {
        byte[] bytes = new byte[size];
        byte[] line = utf8("the quick brown fox jumps over the lazy dog 0123456789\n");
        for (int i = 0; i < size; i++) {
            bytes[i] = line[i % line.length];
        }
        return bytes;
    }

    static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        bytes[0] = 0;
        return bytes;
    }

    static byte[] repeat(byte b, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, b);
        return bytes;
    }
}
