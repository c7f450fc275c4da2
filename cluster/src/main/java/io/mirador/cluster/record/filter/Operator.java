package io.mirador.cluster.record.filter;

import java.util.Locale;

/** Comparison operators. The {@code i} variants ignore case; regex operators use find(), not a full match. */
enum Operator {
    EQ("==", Category.EQUALITY),
    NE("!=", Category.EQUALITY),
    LT("<", Category.ORDER),
    LE("<=", Category.ORDER),
    GT(">", Category.ORDER),
    GE(">=", Category.ORDER),
    IEQUALS("iequals", Category.TEXT),
    CONTAINS("contains", Category.TEXT),
    ICONTAINS("icontains", Category.TEXT),
    STARTS_WITH("startsWith", Category.TEXT),
    ISTARTS_WITH("istartsWith", Category.TEXT),
    ENDS_WITH("endsWith", Category.TEXT),
    IENDS_WITH("iendsWith", Category.TEXT),
    MATCHES("matches", Category.REGEX),
    IMATCHES("imatches", Category.REGEX);

    enum Category { EQUALITY, ORDER, TEXT, REGEX }

    final String symbol;
    final Category category;

    Operator(String symbol, Category category) {
        this.symbol = symbol;
        this.category = category;
    }

    boolean isWordOperator() {
        return category == Category.TEXT || category == Category.REGEX;
    }

    /** The word operator spelled {@code word} in any case, or null. */
    static Operator word(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (Operator op : values()) {
            if (op.isWordOperator() && op.symbol.toLowerCase(Locale.ROOT).equals(lower)) {
                return op;
            }
        }
        return null;
    }
}
