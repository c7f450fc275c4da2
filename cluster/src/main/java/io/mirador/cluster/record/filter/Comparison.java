package io.mirador.cluster.record.filter;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

import io.mirador.cluster.record.filter.Literal.Kind;

/**
 * An operator and its constant, applied to one value of a field. The parser has already rejected the pairs
 * that cannot make sense (ordering against {@code true}, a regex that does not compile, text operators on
 * numeric fields), so these methods only decide true or false and never throw.
 *
 * <p>Rules, for a value that is present:
 * <ul>
 *   <li>a number constant compares numerically with anything that reads as a number: JSON numbers, and text
 *       (raw or a JSON string) whose trimmed content is a decimal number; anything else is unequal and
 *       unordered;</li>
 *   <li>a text constant compares with the value's text: raw UTF-8, a JSON string's content, a JSON number or
 *       boolean as written, an object or array as compact JSON; ordering is by UTF-16 code units;</li>
 *   <li>{@code null} equals only null (a record without key, a tombstone, a null header, JSON null);</li>
 *   <li>{@code a != b} is exactly {@code not (a == b)} for a present value.</li>
 * </ul>
 */
final class Comparison {

    private final Operator op;
    private final Literal literal;
    private final GuardedRegex regex;

    Comparison(Operator op, Literal literal, GuardedRegex regex) {
        this.op = op;
        this.literal = literal;
        this.regex = regex;
    }

    Operator op() {
        return op;
    }

    Literal literal() {
        return literal;
    }

    /** partition, offset, timestamp: the parser guarantees a whole-number constant (ISO times already converted). */
    boolean onNumber(long value) {
        return order(Long.compare(value, literal.longValue()));
    }

    boolean onNull() {
        boolean equal = literal.kind() == Kind.NULL;
        switch (op) {
            case EQ:
                return equal;
            case NE:
                return !equal;
            default:
                return false;
        }
    }

    boolean onText(String value) {
        String needle = literal.text();
        switch (op) {
            case EQ:
                return textEquals(value);
            case NE:
                return !textEquals(value);
            case LT: case LE: case GT: case GE:
                return textOrder(value);
            case IEQUALS:
                return value.equalsIgnoreCase(needle);
            case CONTAINS:
                return value.contains(needle);
            case ICONTAINS:
                return containsIgnoreCase(value, needle);
            case STARTS_WITH:
                return value.startsWith(needle);
            case ISTARTS_WITH:
                return value.regionMatches(true, 0, needle, 0, needle.length());
            case ENDS_WITH:
                return value.endsWith(needle);
            case IENDS_WITH:
                return value.length() >= needle.length()
                        && value.regionMatches(true, value.length() - needle.length(), needle, 0, needle.length());
            case MATCHES: case IMATCHES:
                return regex.find(value);
            default:
                throw new AssertionError(op);
        }
    }

    boolean onJson(JsonNode node) {
        if (node.isNull()) {
            return onNull();
        }
        if (node.isTextual()) {
            return onText(node.textValue());
        }
        if (node.isNumber() && literal.kind() == Kind.NUMBER && op.category != Operator.Category.TEXT) {
            Integer cmp = compareNumber(node);
            if (op == Operator.NE) {
                return cmp == null || cmp != 0;
            }
            return cmp != null && order(cmp);
        }
        if (node.isValueNode()) {
            return onText(node.asText());
        }
        return onText(node.toString());
    }

    private boolean textEquals(String value) {
        switch (literal.kind()) {
            case STRING:
                return value.equals(literal.text());
            case NUMBER:
                BigDecimal number = parseNumber(value);
                return number != null && number.compareTo(literal.number()) == 0;
            case BOOLEAN:
                return value.trim().equals(literal.text());
            default:
                return false;
        }
    }

    private boolean textOrder(String value) {
        if (literal.kind() == Kind.NUMBER) {
            BigDecimal number = parseNumber(value);
            return number != null && order(number.compareTo(literal.number()));
        }
        return order(value.compareTo(literal.text()));
    }

    private Integer compareNumber(JsonNode node) {
        if (literal.isLong() && node.isIntegralNumber() && node.canConvertToLong()) {
            return Long.compare(node.longValue(), literal.longValue());
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return null;
        }
        return node.decimalValue().compareTo(literal.number());
    }

    /** Applies an ordering or equality operator to a comparison result. */
    private boolean order(int cmp) {
        switch (op) {
            case EQ:
                return cmp == 0;
            case NE:
                return cmp != 0;
            case LT:
                return cmp < 0;
            case LE:
                return cmp <= 0;
            case GT:
                return cmp > 0;
            case GE:
                return cmp >= 0;
            default:
                throw new AssertionError(op);
        }
    }

    /**
     * Text read as a decimal number, or null. Length-capped so a megabyte of digits is not parsed per record;
     * the first-character check keeps ordinary text away from the exception path.
     */
    static BigDecimal parseNumber(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        char c = s.charAt(0);
        if (!(Lexer.isDigit(c) || c == '-' || c == '+' || c == '.')) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static boolean containsIgnoreCase(String value, String needle) {
        int n = needle.length();
        for (int i = 0, last = value.length() - n; i <= last; i++) {
            if (value.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    void appendTo(StringBuilder out) {
        out.append(' ').append(op.symbol).append(' ').append(literal.toSource());
    }
}
