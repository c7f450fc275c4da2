package io.mirador.cluster.record.filter;

import java.math.BigDecimal;

/**
 * A constant on the right of an operator. For numbers {@code text} is the source spelling (kept for
 * {@code toString()} and for text operators: {@code key contains 42} looks for "42"), {@code number} the
 * exact value, and {@code longValue} a fast path used when {@code isLong}.
 */
record Literal(Kind kind, String text, BigDecimal number, boolean isLong, long longValue, int position) {

    enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    static Literal string(String text, int position) {
        return new Literal(Kind.STRING, text, null, false, 0, position);
    }

    static Literal number(String source, int position) {
        BigDecimal value = new BigDecimal(source);
        boolean isLong = false;
        long longValue = 0;
        try {
            longValue = value.longValueExact();
            isLong = true;
        } catch (ArithmeticException notAWholeLong) {
            // keep the BigDecimal path only
        }
        return new Literal(Kind.NUMBER, source, value, isLong, longValue, position);
    }

    static Literal bool(boolean value, int position) {
        return new Literal(Kind.BOOLEAN, Boolean.toString(value), null, false, 0, position);
    }

    static Literal nul(int position) {
        return new Literal(Kind.NULL, "null", null, false, 0, position);
    }

    /** A literal standing for a point in time already converted to epoch millis; prints as written. */
    static Literal instant(String written, long epochMillis, int position) {
        return new Literal(Kind.STRING, written, BigDecimal.valueOf(epochMillis), true, epochMillis, position);
    }

    String toSource() {
        return kind == Kind.STRING ? quote(text) : text;
    }

    /** Double-quoted with JSON escapes, so that the output parses back to the same text. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\t': out.append("\\t"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
