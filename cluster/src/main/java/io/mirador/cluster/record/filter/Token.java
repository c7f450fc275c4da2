package io.mirador.cluster.record.filter;

/**
 * One lexical token. {@code text} is the decoded content for strings (escapes resolved) and the source text
 * for everything else; {@code position} is the 0-based index of the token's first character in the filter.
 */
record Token(Kind kind, String text, int position) {

    enum Kind {
        IDENT, STRING, NUMBER,
        EQ, NE, LT, LE, GT, GE,
        BANG, AND_AND, OR_OR,
        LPAREN, RPAREN, LBRACKET, RBRACKET, DOT, STAR,
        EOF
    }

    /** True for an identifier spelled {@code word}, ignoring case: keywords are not reserved, only recognised. */
    boolean isWord(String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word);
    }

    /** How the token is named in error messages: {@code ')'}, {@code end of filter}, {@code "text"}. */
    String describe() {
        switch (kind) {
            case EOF:
                return "end of filter";
            case STRING:
                return "text " + Literal.quote(text);
            case NUMBER:
                return "number " + text;
            default:
                return "'" + text + "'";
        }
    }
}
