package io.mirador.cluster.record.filter;

import java.util.ArrayList;
import java.util.List;

import io.mirador.cluster.record.filter.Token.Kind;

/**
 * Splits a filter into tokens. Filters are short (typed by a person), so the whole list is built up front and
 * the parser can look ahead freely. Keywords are plain identifiers here; the parser gives them meaning by
 * position, so a JSON field called {@code and} stays reachable as {@code value.and}.
 */
final class Lexer {

    private final String source;
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= source.length()) {
                tokens.add(new Token(Kind.EOF, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = source.charAt(pos);
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (isDigit(c) || (c == '-' && pos + 1 < source.length() && isDigit(source.charAt(pos + 1)))) {
            return number();
        }
        if (isIdentStart(c)) {
            while (pos < source.length() && isIdentPart(source.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.IDENT, source.substring(start, pos), start);
        }
        switch (c) {
            case '=':
                // '=' alone is accepted as '==' for SQL habits; both normalise to '=='.
                return symbol(source.startsWith("==", pos) ? "==" : "=", Kind.EQ);
            case '!':
                return source.startsWith("!=", pos) ? symbol("!=", Kind.NE) : symbol("!", Kind.BANG);
            case '<':
                return source.startsWith("<=", pos) ? symbol("<=", Kind.LE) : symbol("<", Kind.LT);
            case '>':
                return source.startsWith(">=", pos) ? symbol(">=", Kind.GE) : symbol(">", Kind.GT);
            case '&':
                if (source.startsWith("&&", pos)) {
                    return symbol("&&", Kind.AND_AND);
                }
                throw error(start, "unexpected character '&'", "use '&&' or 'and'");
            case '|':
                if (source.startsWith("||", pos)) {
                    return symbol("||", Kind.OR_OR);
                }
                throw error(start, "unexpected character '|'", "use '||' or 'or'");
            case '(':
                return symbol("(", Kind.LPAREN);
            case ')':
                return symbol(")", Kind.RPAREN);
            case '[':
                return symbol("[", Kind.LBRACKET);
            case ']':
                return symbol("]", Kind.RBRACKET);
            case '.':
                return symbol(".", Kind.DOT);
            case '*':
                return symbol("*", Kind.STAR);
            default:
                throw error(start, "unexpected character " + printable(c),
                        "expected a field, an operator, a quoted text or a number");
        }
    }

    private Token symbol(String text, Kind kind) {
        Token token = new Token(kind, text, pos);
        pos += text.length();
        return token;
    }

    /** JSON number syntax (optional minus, digits, fraction, exponent); no hex, no leading '+' or '.'. */
    private Token number() {
        int start = pos;
        if (source.charAt(pos) == '-') {
            pos++;
        }
        digits();
        if (pos + 1 < source.length() && source.charAt(pos) == '.' && isDigit(source.charAt(pos + 1))) {
            pos++;
            digits();
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int mark = pos++;
            if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= source.length() || !isDigit(source.charAt(pos))) {
                throw error(mark, "malformed number", "expected digits after the exponent");
            }
            digits();
        }
        if (pos < source.length() && isIdentPart(source.charAt(pos))) {
            // "42abc" is a typo, not a number followed by a field; say so where the number starts.
            throw error(start, "malformed number '" + source.substring(start, identEnd(pos)) + "'",
                    "quote text, e.g. \"" + source.substring(start, identEnd(pos)) + "\"");
        }
        return new Token(Kind.NUMBER, source.substring(start, pos), start);
    }

    private int identEnd(int from) {
        int end = from;
        while (end < source.length() && isIdentPart(source.charAt(end))) {
            end++;
        }
        return end;
    }

    private void digits() {
        while (pos < source.length() && isDigit(source.charAt(pos))) {
            pos++;
        }
    }

    /**
     * A string in single or double quotes. JSON escapes are understood; any other backslash pair is kept as
     * written, so regexes read naturally: {@code "\d+"} and {@code "\\d+"} are both the regex {@code \d+}.
     */
    private Token string(char quote) {
        int start = pos++;
        StringBuilder out = new StringBuilder();
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Kind.STRING, out.toString(), start);
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= source.length()) {
                break;
            }
            char e = source.charAt(pos + 1);
            switch (e) {
                case '"': case '\'': case '\\': case '/':
                    out.append(e);
                    break;
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'u':
                    out.append(unicodeEscape(pos));
                    pos += 4;
                    break;
                default:
                    out.append('\\').append(e);
            }
            pos += 2;
        }
        throw error(start, "unclosed string", "expected a closing " + quote);
    }

    private char unicodeEscape(int backslash) {
        int hexStart = backslash + 2;
        if (hexStart + 4 > source.length()) {
            throw error(backslash, "malformed escape \\u", "expected four hex digits");
        }
        int value = 0;
        for (int i = hexStart; i < hexStart + 4; i++) {
            int digit = Character.digit(source.charAt(i), 16);
            if (digit < 0) {
                throw error(backslash, "malformed escape \\u", "expected four hex digits");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private FilterSyntaxException error(int at, String problem, String hint) {
        return new FilterSyntaxException(source, at, problem, hint);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** '-' is part of names ({@code headers.trace-id}); the language has no arithmetic, so this is safe. */
    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '-';
    }

    /** True when {@code name} can be written bare after '.'; otherwise it needs {@code ["..."]}. */
    static boolean isPlainName(String name) {
        if (name.isEmpty() || !isIdentStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isIdentPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c)
                : "'" + c + "'";
    }
}
