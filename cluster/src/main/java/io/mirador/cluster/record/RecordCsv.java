package io.mirador.cluster.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Records as CSV (RFC 4180) for spreadsheets: partition, offset, timestamp, key, value, headers. Binary keys and
 * values are written as {@code base64:...}; headers as {@code name=value} pairs separated by {@code ;}. For
 * humans only: import reads the JSON-lines form.
 */
public final class RecordCsv {

    public static final String HEADER = "partition,offset,timestamp,key,value,headers\n";

    private RecordCsv() {
    }

    public static void write(KafkaRecord record, Writer out) {
        try {
            out.write(Integer.toString(record.partition()));
            out.write(',');
            out.write(Long.toString(record.offset()));
            out.write(',');
            out.write(Long.toString(record.timestamp()));
            out.write(',');
            out.write(quote(text(record.key())));
            out.write(',');
            out.write(quote(text(record.value())));
            out.write(',');
            out.write(quote(record.recordHeaders().stream()
                    .map(h -> h.key() + "=" + text(h.value()))
                    .collect(Collectors.joining(";"))));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        String text = RecordJson.utf8(bytes);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(bytes);
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
