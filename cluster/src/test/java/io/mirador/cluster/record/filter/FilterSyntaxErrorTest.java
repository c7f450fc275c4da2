package io.mirador.cluster.record.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Malformed filters: the exact position and the one-line message a CLI prints before exiting with 2. */
class FilterSyntaxErrorTest {

    private static FilterSyntaxException error(String expression) {
        FilterSyntaxException e = catchThrowableOfType(FilterSyntaxException.class, () -> Filter.compile(expression));
        assertThat(e).as("expected a syntax error for <%s>", expression).isNotNull();
        assertThat(e.expression()).isEqualTo(expression);
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // missing operands
            "value.user.id == )          | 17 | unexpected ')' at position 17: expected a value",
            "key ==                      | 6  | unexpected end of filter at position 6: expected a value",
            "key == 'a' and              | 14 | unexpected end of filter at position 14: expected a condition",
            "and key == 'a'              | 0  | unexpected 'and' at position 0: expected a condition",
            "key == 'a' or or key == 'b' | 14 | unexpected 'or' at position 14: expected a condition",
            "not                         | 3  | unexpected end of filter at position 3: expected a condition",
            "()                          | 1  | unexpected ')' at position 1: expected a condition",
            // unclosed things and trailing garbage
            "`value contains \"abc`      | 15 | unclosed string at position 15: expected a closing \"",
            "key == 'abc                 | 7  | unclosed string at position 7: expected a closing '",
            "`key == \"abc\\\"`            | 7  | unclosed string at position 7: expected a closing \"",
            "(key == 'a'                 | 11 | unexpected end of filter at position 11: expected ')' to close '(' at position 0",
            "key == 'a')                 | 10 | unexpected ')' at position 10: expected 'and', 'or' or end of filter",
            "key == 'a' xyz              | 11 | unexpected 'xyz' at position 11: expected 'and', 'or' or end of filter",
            "`key == 'a' \"b\"`          | 11 | unexpected text \"b\" at position 11: expected 'and', 'or' or end of filter",
            "key == 'a' # note           | 11 | unexpected character '#' at position 11: expected a field, an operator, a quoted text or a number",
            "key == 'a' & partition == 1 | 11 | unexpected character '&' at position 11: use '&&' or 'and'",
            // fields
            "user.id == 1                | 0  | unknown field 'user' at position 0: expected key, value, partition, offset, timestamp, headers.<name> or a quoted text",
            "value.user                  | 10 | unexpected end of filter at position 10: expected an operator: ==, !=, <, <=, >, >=, contains, startsWith, endsWith, matches (or their i-variants) or exists",
            "value. == 1                 | 7  | unexpected '==' at position 7: expected a name after '.'; use [0] for array elements and [\"odd key\"] for other names",
            "value.0 == 1                | 6  | unexpected number 0 at position 6: expected a name after '.'; use [0] for array elements and [\"odd key\"] for other names",
            "value.items[1.5] == 1       | 12 | unexpected number 1.5 at position 12: expected an array index, '*' or a quoted name inside [ ]",
            "value.items[0 == 1          | 14 | unexpected '==' at position 14: expected ']'",
            "headers == 'x'              | 8  | unexpected '==' at position 8: expected '.' and a header name after 'headers', e.g. headers.trace-id",
            "header(trace) == 'x'        | 7  | unexpected 'trace' at position 7: expected a quoted header name, e.g. header(\"trace-id\")",
            "partition.x == 1            | 9  | unexpected '.' at position 9: expected an operator; partition is a number and has no fields",
            "`\"error\" == key`          | 8  | unexpected '==' at position 8: a quoted text stands alone; put the field first, e.g. value == \"error\"",
            // constants and types
            "offset > 12abc              | 9  | malformed number '12abc' at position 9: quote text, e.g. \"12abc\"",
            "offset > 1e                 | 10 | malformed number at position 10: expected digits after the exponent",
            "partition contains 1        | 10 | 'contains' needs text at position 10: partition is a number; use ==, !=, <, <=, > or >=",
            "partition == '3'            | 13 | unexpected \"3\" at position 13: expected a whole number for partition",
            "offset == 1.5               | 10 | unexpected 1.5 at position 10: expected a whole number for offset",
            "timestamp > 'yesterday'     | 12 | unexpected \"yesterday\" at position 12: expected an ISO-8601 time such as \"2026-11-25T10:00:00Z\" or epoch millis",
            "timestamp > true            | 12 | unexpected true at position 12: expected a whole number for timestamp (epoch millis) or an ISO-8601 time such as \"2026-11-25T10:00:00Z\"",
            "value < true                | 8  | unexpected true at position 8: '<' expects a quoted text or a number",
            "value contains null         | 15 | unexpected null at position 15: 'contains' expects a quoted text or a number",
            "value matches 42            | 14 | unexpected 42 at position 14: expected a quoted regular expression",
            "value matches 'a(b'         | 14 | invalid regular expression at position 14: Unclosed group near index 3 of the regex",
            "key == 'a' or value matches '[z-a]' | 28 | invalid regular expression at position 28: Illegal character range near index 3 of the regex",
            "value == 'bad \\u12'        | 14 | malformed escape \\u at position 14: expected four hex digits",
            "value == 'bad \\uzzzz'      | 14 | malformed escape \\u at position 14: expected four hex digits",
    })
    void reportsThePositionAndAOneLineMessage(String expression, int position, String message) {
        FilterSyntaxException e = error(expression);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void emptyAndBlankFiltersAreErrorsAtPositionZero() {
        for (String blank : new String[] {"", "   ", "\t\n"}) {
            FilterSyntaxException e = error(blank);
            assertThat(e.position()).isZero();
            assertThat(e.getMessage()).isEqualTo(
                    "empty filter at position 0: expected a condition such as value contains \"error\"");
        }
        assertThatThrownBy(() -> Filter.compile(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "key == 'a'" + ")".repeat(10_000);
        assertThat(error(deep).getMessage()).isEqualTo(
                "too deeply nested at position 200: at most 200 levels of parentheses and 'not'");
        assertThat(error("not ".repeat(300) + "key == 'a'").position()).isEqualTo(800);
        String ok = "(".repeat(150) + "key == 'a'" + ")".repeat(150);
        assertThat(Filter.compile(ok).toString()).isEqualTo("key == \"a\"");
    }

    @Test
    void rendersACaretUnderTheError() {
        String nl = System.lineSeparator();
        assertThat(error("value.user.id == )").render()).isEqualTo("value.user.id == )" + nl + "                 ^");
        assertThat(error("key ==").render()).isEqualTo("key ==" + nl + "      ^");
        assertThat(error("\tkey == )").render()).isEqualTo("\tkey == )" + nl + "\t       ^");
        // Multi-line filters show only the line holding the error.
        assertThat(error("key == 'a'\nand value == )").render()).isEqualTo("and value == )" + nl + "             ^");
        assertThat(error("key == 'a' and\n").render()).isEqualTo("" + nl + "^");
    }
}
