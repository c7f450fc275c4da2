package io.mirador.cluster.record.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing and the normal form printed by toString(); evaluation details are in FilterEvaluationTest. */
class FilterParserTest {

    private static String normal(String expression) {
        String printed = Filter.compile(expression).toString();
        // The normal form is a fixed point: it parses back to itself.
        assertThat(Filter.compile(printed).toString()).isEqualTo(printed);
        return printed;
    }

    private static FilterRecord keyed(String key, int partition) {
        return FilterRecord.of(partition, 0, 0, key.getBytes(StandardCharsets.UTF_8), null, List.of());
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(normal("key == \"a\" or key == \"b\" and not partition == 1"))
                .isEqualTo("key == \"a\" or key == \"b\" and not partition == 1");
        Filter f = Filter.compile("key == \"a\" or key == \"b\" and not partition == 1");
        // a or (b and not p1)
        assertThat(f.test(keyed("a", 1))).isTrue();
        assertThat(f.test(keyed("b", 1))).isFalse();
        assertThat(f.test(keyed("b", 2))).isTrue();

        Filter notFirst = Filter.compile("not key == \"a\" and partition == 1");
        // (not a) and p1, not: not (a and p1)
        assertThat(notFirst.test(keyed("b", 2))).isFalse();
        assertThat(notFirst.test(keyed("b", 1))).isTrue();
    }

    @Test
    void parenthesesOverridePrecedenceAndAreKeptOnlyWhereNeeded() {
        assertThat(normal("(key == \"a\" or key == \"b\") and partition == 1"))
                .isEqualTo("(key == \"a\" or key == \"b\") and partition == 1");
        assertThat(normal("((key == \"a\")) or (key == \"b\" and partition == 1)"))
                .isEqualTo("key == \"a\" or key == \"b\" and partition == 1");
        assertThat(normal("not (key == \"a\" or key == \"b\")")).isEqualTo("not (key == \"a\" or key == \"b\")");
        assertThat(normal("!!(key == \"a\")")).isEqualTo("not not key == \"a\"");
        Filter f = Filter.compile("(key == \"a\" or key == \"b\") and partition == 1");
        assertThat(f.test(keyed("a", 2))).isFalse();
        assertThat(f.test(keyed("a", 1))).isTrue();
    }

    @Test
    void symbolAndWordSpellingsOfLogicAreTheSame() {
        assertThat(normal("key == 'a' && partition == 1 || !offset > 5"))
                .isEqualTo("key == \"a\" and partition == 1 or not offset > 5");
        assertThat(normal("KEY = 'a' AND Partition == 1 OR NOT offset > 5"))
                .isEqualTo("key == \"a\" and partition == 1 or not offset > 5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "value == 1 | value == 1",
            "value != 'x' | value != \"x\"",
            "offset < 10 | offset < 10",
            "offset<=10 | offset <= 10",
            "offset > -1 | offset > -1",
            "offset >= 1e3 | offset >= 1e3",
            "value contains 'x' | value contains \"x\"",
            "value ICONTAINS 'x' | value icontains \"x\"",
            "value startswith 'x' | value startsWith \"x\"",
            "value istartsWith 'x' | value istartsWith \"x\"",
            "value endsWith 'x' | value endsWith \"x\"",
            "value iendsWith 'x' | value iendsWith \"x\"",
            "value iequals 'x' | value iequals \"x\"",
            "value matches '^a.*' | value matches \"^a.*\"",
            "value imatches '^a.*' | value imatches \"^a.*\"",
            "value.user exists | value.user exists",
            "exists(headers.trace-id) | headers.trace-id exists",
            "value.ok == true | value.ok == true",
            "value.ok != FALSE | value.ok != false",
            "value.x == Null | value.x == null",
            "value.price == 9.90 | value.price == 9.90",
            "timestamp >= '2026-11-25T10:00:00Z' | timestamp >= \"2026-11-25T10:00:00Z\"",
            "'error' | \"error\"",
            "\"error\" and partition == 0 | \"error\" and partition == 0",
    })
    void everyOperatorHasOneNormalSpelling(String input, String expected) {
        assertThat(normal(input)).isEqualTo(expected);
    }

    @Test
    void fieldsAndPaths() {
        assertThat(normal("value.user.id == 42")).isEqualTo("value.user.id == 42");
        assertThat(normal("value.items[0].sku == 'A'")).isEqualTo("value.items[0].sku == \"A\"");
        assertThat(normal("value.items[-1].sku == 'A'")).isEqualTo("value.items[-1].sku == \"A\"");
        assertThat(normal("value.items[*].sku == 'A'")).isEqualTo("value.items[*].sku == \"A\"");
        assertThat(normal("value[\"odd key\"] == 1")).isEqualTo("value[\"odd key\"] == 1");
        assertThat(normal("value['plain'] == 1")).isEqualTo("value.plain == 1");
        assertThat(normal("key.tenant == 'x'")).isEqualTo("key.tenant == \"x\"");
        assertThat(normal("value.and.or.not == 1")).as("keywords are ordinary names after '.'")
                .isEqualTo("value.and.or.not == 1");
        assertThat(normal("headers.trace-id == 'abc'")).isEqualTo("headers.trace-id == \"abc\"");
        assertThat(normal("header(\"trace-id\") == 'abc'")).isEqualTo("headers.trace-id == \"abc\"");
        assertThat(normal("headers['my.header'] exists")).isEqualTo("headers[\"my.header\"] exists");
        assertThat(normal("header('a b') exists")).isEqualTo("headers[\"a b\"] exists");
    }

    @Test
    void stringsTakeEitherQuoteAndJsonEscapes() {
        assertThat(normal("value == 'it\\'s'")).isEqualTo("value == \"it's\"");
        assertThat(normal("value == \"say \\\"hi\\\"\"")).isEqualTo("value == \"say \\\"hi\\\"\"");
        assertThat(normal("value == 'a\"b'")).isEqualTo("value == \"a\\\"b\"");
        assertThat(normal("value == \"tab\\there\\nnew\"")).isEqualTo("value == \"tab\\there\\nnew\"");
        assertThat(normal("value == \"\\u00e9\\/\"")).isEqualTo("value == \"\u00e9/\"");
        assertThat(normal("value == \"back\\\\slash\"")).isEqualTo("value == \"back\\\\slash\"");
        // Unknown escapes are kept, so regexes need no doubling: both spell the regex \d+.
        assertThat(normal("value matches \"\\d+\"")).isEqualTo("value matches \"\\\\d+\"");
        assertThat(normal("value matches \"\\\\d+\"")).isEqualTo("value matches \"\\\\d+\"");
        assertThat(normal("value == ''")).isEqualTo("value == \"\"");
    }

    @Test
    void filtersWithTheSameNormalFormAreEqual() {
        assertThat(Filter.compile("key=='a'&&partition==1")).isEqualTo(Filter.compile("key == \"a\" and partition == 1"))
                .hasSameHashCodeAs(Filter.compile("KEY == 'a' AND partition == 1"));
        assertThat(Filter.ALL.toString()).isEmpty();
    }
}
