package io.mirador.cluster.record.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Evaluation over a fixed set of named records; each assertion lists exactly which records match. */
class FilterEvaluationTest {

    private static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();

    private static final String ORDER = "{\"user\":{\"id\":42,\"name\":\"Ada\",\"tags\":[\"vip\",\"beta\"]},"
            + "\"items\":[{\"sku\":\"A1\",\"qty\":2},{\"sku\":\"B2\",\"qty\":1}],\"price\":9.90,\"ok\":true,"
            + "\"note\":null,\"odd key\":\"x\",\"idText\":\"42\",\"big\":12345678901234567890,\"at\":\"2026-11-25T09:00:00Z\"}";

    /** Name -> record, in a fixed order. */
    private static final Map<String, FilterRecord> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("order", FilterRecord.of(0, 10, T0, bytes("user-42"), bytes(ORDER), List.of(
                header("trace-id", "abc"), header("source", "web"), header("source", "mobile"),
                new SimpleEntry<>("empty", null), header("my.header", "dotted"))));
        RECORDS.put("tombstone", FilterRecord.of(1, 11, T0 + 1_000, null, null, List.of()));
        RECORDS.put("binary", FilterRecord.of(2, 12, T0 + 2_000, new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0x80},
                bytes("ERROR: disk full"), List.of(header("source", "batch"))));
        RECORDS.put("array", FilterRecord.of(3, 13, T0 + 3_000, bytes("42"), bytes("[1, 2, 3]"), List.of()));
        RECORDS.put("broken", FilterRecord.of(0, 14, T0 + 4_000, bytes(" 7.0 "), bytes("{\"user\": {\"id\": 42"),
                List.of()));
        RECORDS.put("string", FilterRecord.of(1, 15, T0 + 5_000, bytes("k"), bytes("\"hello\""), List.of()));
        RECORDS.put("other", FilterRecord.of(2, 16, T0 + 6_000, bytes("user-7"),
                bytes("{\"user\":{\"id\":\"42\",\"name\":\"bob\"},\"items\":[],\"price\":\"cheap\",\"ok\":false}"), List.of()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map.Entry<String, byte[]> header(String name, String value) {
        return new SimpleEntry<>(name, bytes(value));
    }

    private static List<String> matching(String expression) {
        Filter filter = Filter.compile(expression);
        List<String> names = new ArrayList<>();
        RECORDS.forEach((name, record) -> {
            if (filter.test(record)) {
                names.add(name);
            }
        });
        return names;
    }

    @Test
    void jsonPathsCompareNumbersNumericallyAndTextAsText() {
        assertThat(matching("value.user.id == 42")).containsExactly("order", "other");
        assertThat(matching("value.user.id == 42.0")).containsExactly("order", "other");
        assertThat(matching("value.user.id == \"42\"")).containsExactly("order", "other");
        assertThat(matching("value.user.id > 41 and value.user.id < 43")).containsExactly("order", "other");
        assertThat(matching("value.user.name == \"Ada\"")).containsExactly("order");
        assertThat(matching("value.user.name iequals \"ADA\"")).containsExactly("order");
        assertThat(matching("value.price == 9.9")).containsExactly("order");
        assertThat(matching("value.price < 10")).containsExactly("order");
        assertThat(matching("value.big > 12345678901234567889")).containsExactly("order");
        assertThat(matching("value.big == 12345678901234567890")).containsExactly("order");
        assertThat(matching("value.ok == true")).containsExactly("order");
        assertThat(matching("value.ok == false")).containsExactly("other");
        assertThat(matching("value.ok != true")).containsExactly("other");
        assertThat(matching("value.note == null")).containsExactly("order");
        assertThat(matching("value.at < \"2026-11-25T10:00:00Z\"")).as("ISO text in JSON orders as text")
                .containsExactly("order");
        assertThat(matching("value.user contains \"vip\"")).as("objects compare as compact JSON")
                .containsExactly("order");
    }

    @Test
    void arraysIndexesWildcardsAndOddKeys() {
        assertThat(matching("value.items[0].sku == \"A1\"")).containsExactly("order");
        assertThat(matching("value.items[1].sku == \"A1\"")).isEmpty();
        assertThat(matching("value.items[-1].sku == \"B2\"")).containsExactly("order");
        assertThat(matching("value.items[*].sku == \"B2\"")).containsExactly("order");
        assertThat(matching("value.items[*].qty >= 2")).containsExactly("order");
        assertThat(matching("value.user.tags[*] == \"beta\"")).containsExactly("order");
        assertThat(matching("value[1] == 2")).containsExactly("array");
        assertThat(matching("value[*] == 3")).containsExactly("array");
        assertThat(matching("value[\"odd key\"] == \"x\"")).containsExactly("order");
        assertThat(matching("value.items[5].sku exists")).isEmpty();
    }

    @Test
    void missingPathsAndNonJsonValuesMakeEveryComparisonFalse() {
        assertThat(matching("value.user.id != 1")).as("present and different only")
                .containsExactly("order", "other");
        assertThat(matching("not value.user.id == 1")).as("not includes records without the path")
                .containsExactly("order", "tombstone", "binary", "array", "broken", "string", "other");
        assertThat(matching("value.missing == null")).isEmpty();
        assertThat(matching("value.user.id.deeper == 1")).isEmpty();
        assertThat(matching("value.user exists")).containsExactly("order", "other");
        assertThat(matching("value.note exists")).as("JSON null exists").containsExactly("order");
        assertThat(matching("not value.user exists")).containsExactly("tombstone", "binary", "array", "broken",
                "string");
        assertThat(matching("exists(key.anything)")).isEmpty();
    }

    @Test
    void wholeKeysAndValuesAreUtf8Text() {
        assertThat(matching("value contains \"disk\"")).containsExactly("binary");
        assertThat(matching("value icontains \"error\"")).containsExactly("binary");
        assertThat(matching("value startsWith \"ERROR\"")).containsExactly("binary");
        assertThat(matching("value istartsWith \"error:\"")).containsExactly("binary");
        assertThat(matching("value endsWith \"full\"")).containsExactly("binary");
        assertThat(matching("value iendsWith \"FULL\"")).containsExactly("binary");
        assertThat(matching("value == \"\\\"hello\\\"\"")).as("raw text keeps JSON quotes").containsExactly("string");
        assertThat(matching("key startsWith \"user-\"")).containsExactly("order", "other");
        assertThat(matching("key == 42")).as("text that reads as a number compares numerically")
                .containsExactly("array");
        assertThat(matching("key == 7")).as("trimmed: ' 7.0 '").containsExactly("broken");
        assertThat(matching("key > 10")).containsExactly("array");
        assertThat(matching("key < \"user\"")).as("text order").containsExactly("array", "broken", "string");
        assertThat(matching("value contains 9.90")).as("a number is its text for text operators")
                .containsExactly("order");
    }

    @Test
    void nullKeysAndTombstonesEqualOnlyNull() {
        assertThat(matching("value == null")).containsExactly("tombstone");
        assertThat(matching("key == null")).containsExactly("tombstone");
        assertThat(matching("value != null")).hasSize(RECORDS.size() - 1).doesNotContain("tombstone");
        assertThat(matching("value contains \"\"")).doesNotContain("tombstone");
        assertThat(matching("value exists")).doesNotContain("tombstone").hasSize(RECORDS.size() - 1);
        assertThat(matching("value != \"x\"")).as("!= is not ==").contains("tombstone");
    }

    @Test
    void binaryKeysNeverThrow() {
        assertThat(matching("key contains \"\uFFFD\"")).as("malformed UTF-8 decodes to U+FFFD").containsExactly("binary");
        assertThat(matching("key.x == 1 or key matches \"^..\\u0000\"")).containsExactly("binary");
        assertThat(matching("key == 1")).isEmpty();
    }

    @Test
    void headersByNameAnyRepeatMatches() {
        assertThat(matching("headers.trace-id == \"abc\"")).containsExactly("order");
        assertThat(matching("header(\"trace-id\") exists")).containsExactly("order");
        assertThat(matching("exists(headers.trace-id)")).containsExactly("order");
        assertThat(matching("headers.source == \"mobile\"")).as("any of the repeated headers").containsExactly("order");
        assertThat(matching("headers.source == \"web\" and headers.source == \"mobile\"")).containsExactly("order");
        assertThat(matching("headers.source != \"web\"")).as("some source header is not web")
                .containsExactly("order", "binary");
        assertThat(matching("headers.empty == null")).containsExactly("order");
        assertThat(matching("headers.empty exists")).containsExactly("order");
        assertThat(matching("headers[\"my.header\"] icontains \"DOT\"")).containsExactly("order");
        assertThat(matching("headers.Trace-Id exists")).as("header names are case-sensitive").isEmpty();
        assertThat(matching("not headers.source exists")).containsExactly("tombstone", "array", "broken", "string",
                "other");
    }

    @Test
    void metadataAndTimestampsInIsoOrMillis() {
        assertThat(matching("partition == 2")).containsExactly("binary", "other");
        assertThat(matching("offset >= 15")).containsExactly("string", "other");
        assertThat(matching("offset != 10 and offset < 13")).containsExactly("tombstone", "binary");
        assertThat(matching("timestamp == " + T0)).containsExactly("order");
        assertThat(matching("timestamp == \"2026-11-25T10:00:00Z\"")).containsExactly("order");
        assertThat(matching("timestamp >= \"2026-11-25T10:00:05Z\"")).containsExactly("string", "other");
        assertThat(matching("timestamp >= \"2026-11-25T11:00:05+01:00\"")).containsExactly("string", "other");
        assertThat(matching("timestamp > \"2026-11-25T10:00:05.500Z\"")).containsExactly("other");
        assertThat(matching("timestamp < \"2026-11-25T10:00:01\"")).as("no offset: UTC").containsExactly("order");
        assertThat(matching("timestamp >= \"2026-11-26\"")).as("a date is UTC midnight").isEmpty();
        assertThat(matching("timestamp >= \"2026-11-25\"")).hasSize(RECORDS.size());
    }

    @Test
    void regexesUseFindAndTheIVariantIgnoresCase() {
        assertThat(matching("value matches \"disk\\s+full$\"")).containsExactly("binary");
        assertThat(matching("value matches \"^disk\"")).isEmpty();
        assertThat(matching("value imatches \"^error\"")).containsExactly("binary");
        assertThat(matching("value.user.name matches \"^[A-Z]\"")).containsExactly("order");
        assertThat(matching("key matches \"^user-\\d+$\"")).containsExactly("order", "other");
    }

    @Test
    void bareTextSearchesKeyOrValue() {
        assertThat(matching("\"ERROR\"")).containsExactly("binary");
        assertThat(matching("'user-'")).as("in the key").containsExactly("order", "other");
        assertThat(matching("\"bob\"")).as("in the value").containsExactly("other");
        assertThat(matching("\"error\"")).as("case-sensitive, like contains").isEmpty();
        assertThat(matching("\"user\" and partition == 2")).containsExactly("other");
    }

    @Test
    void allMatchesEverything() {
        RECORDS.values().forEach(r -> assertThat(Filter.ALL.test(r)).isTrue());
        assertThat(Filter.ALL.partitions()).isEmpty();
    }

    @Test
    void partitionsNarrowWhereTheFilterForcesThem() {
        assertThat(Filter.compile("partition == 3").partitions()).hasValue(Set.of(3));
        assertThat(Filter.compile("partition == 3 or partition == 5").partitions()).hasValue(Set.of(3, 5));
        assertThat(Filter.compile("partition < 3").partitions()).hasValue(Set.of(0, 1, 2));
        assertThat(Filter.compile("partition <= 1 and key == 'a'").partitions()).hasValue(Set.of(0, 1));
        assertThat(Filter.compile("(partition == 1 or partition == 2) and partition != 2 and partition == 2")
                .partitions()).hasValue(Set.of(2));
        assertThat(Filter.compile("partition == 1 and partition == 2").partitions()).hasValue(Set.of());
        assertThat(Filter.compile("partition == -1").partitions()).hasValue(Set.of());
        assertThat(Filter.compile("partition == 3 or key == 'a'").partitions()).isEqualTo(Optional.empty());
        assertThat(Filter.compile("not partition == 3").partitions()).isEmpty();
        assertThat(Filter.compile("partition > 3").partitions()).isEmpty();
        assertThat(Filter.compile("partition < 1000000").partitions()).as("too many to list").isEmpty();
        assertThat(Filter.compile("value contains 'x'").partitions()).isEmpty();
    }

    @Test
    void consumerRecordsAreAdapted() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", bytes("abc"));
        ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>("orders", 4, 99, T0, TimestampType.CREATE_TIME,
                3, ORDER.length(), bytes("user-42"), bytes(ORDER), headers, Optional.empty());
        FilterRecord view = FilterRecord.of(consumed);
        assertThat(Filter.compile("partition == 4 and offset == 99 and timestamp == \"2026-11-25T10:00:00Z\" "
                + "and key == \"user-42\" and value.user.name == \"Ada\" and headers.trace-id == \"abc\"")
                .test(view)).isTrue();
        assertThat(view.headers()).hasSize(1).isSameAs(view.headers());
    }
}
