package io.mirador.cluster.record.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.mirador.cluster.record.filter.Field.Segment;
import io.mirador.cluster.record.filter.Token.Kind;

/**
 * Recursive descent over the token list; one method per grammar rule (see package-info). Everything that can
 * be checked without a record is checked here (field names, operator and constant types, regex syntax, ISO
 * times) so that evaluation never fails. The parser only ever builds the fixed node types of {@link Expr}:
 * nothing in a filter is looked up by name at run time.
 */
final class Parser {

    /** Nesting of parentheses and not; bounds the recursion so a pathological filter is an error, not a crash. */
    static final int MAX_DEPTH = 200;

    private static final String FIELDS = "key, value, partition, offset, timestamp, headers.<name> or a quoted text";

    private final String source;
    private final List<Token> tokens;
    private final LongAdder abandonedMatches;
    private int next;
    private int depth;

    private Parser(String source, LongAdder abandonedMatches) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
        this.abandonedMatches = abandonedMatches;
    }

    static Expr parse(String source, LongAdder abandonedMatches) {
        return new Parser(source, abandonedMatches).filter();
    }

    // filter := or EOF
    private Expr filter() {
        if (peek().kind() == Kind.EOF) {
            throw error(0, "empty filter", "expected a condition such as value contains \"error\"");
        }
        Expr expr = or();
        if (peek().kind() != Kind.EOF) {
            throw unexpected(peek(), "expected 'and', 'or' or end of filter");
        }
        return expr;
    }

    // or := and (("or" | "||") and)*
    private Expr or() {
        List<Expr> children = new ArrayList<>();
        children.add(and());
        while (peek().isWord("or") || peek().kind() == Kind.OR_OR) {
            next++;
            children.add(and());
        }
        return children.size() == 1 ? children.get(0) : new Expr.Or(List.copyOf(children));
    }

    // and := unary (("and" | "&&") unary)*
    private Expr and() {
        List<Expr> children = new ArrayList<>();
        children.add(unary());
        while (peek().isWord("and") || peek().kind() == Kind.AND_AND) {
            next++;
            children.add(unary());
        }
        return children.size() == 1 ? children.get(0) : new Expr.And(List.copyOf(children));
    }

    // unary := ("not" | "!") unary | primary
    private Expr unary() {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "too deeply nested", "at most " + MAX_DEPTH + " levels of parentheses and 'not'");
        }
        try {
            if (peek().isWord("not") || peek().kind() == Kind.BANG) {
                next++;
                return new Expr.Not(unary());
            }
            return primary();
        } finally {
            depth--;
        }
    }

    // primary := "(" or ")" | STRING | "exists" "(" field ")" | field "exists" | field operator literal
    private Expr primary() {
        Token token = peek();
        if (token.kind() == Kind.LPAREN) {
            next++;
            Expr inner = or();
            Token close = peek();
            if (close.kind() != Kind.RPAREN) {
                throw unexpected(close, "expected ')' to close '(' at position " + token.position());
            }
            next++;
            return inner;
        }
        if (token.kind() == Kind.STRING) {
            next++;
            if (operatorAt(peek()) != null) {
                throw unexpected(peek(), "a quoted text stands alone; put the field first, e.g. value "
                        + peek().text() + " " + Literal.quote(token.text()));
            }
            return new Expr.FreeText(token.text());
        }
        if (token.isWord("exists") && peekAt(1).kind() == Kind.LPAREN) {
            next += 2;
            Field field = field();
            expect(Kind.RPAREN, "expected ')' after the field");
            return new Expr.Exists(field);
        }
        if (token.kind() != Kind.IDENT || token.isWord("and") || token.isWord("or") || operatorAt(token) != null) {
            throw unexpected(token, "expected a condition");
        }
        Field field = field();
        Token opToken = peek();
        if (opToken.isWord("exists")) {
            next++;
            return new Expr.Exists(field);
        }
        Operator op = operatorAt(opToken);
        if (op == null) {
            throw unexpected(opToken, "expected an operator: ==, !=, <, <=, >, >=, contains, startsWith, endsWith, "
                    + "matches (or their i-variants) or exists");
        }
        next++;
        return new Expr.Compare(field, comparison(field, op, opToken, literal()));
    }

    private Field field() {
        Token root = peek();
        if (root.kind() != Kind.IDENT) {
            throw unexpected(root, "expected a field: " + FIELDS);
        }
        next++;
        String name = root.text().toLowerCase(java.util.Locale.ROOT);
        switch (name) {
            case "partition":
                return meta(Field.Meta.PARTITION);
            case "offset":
                return meta(Field.Meta.OFFSET);
            case "timestamp":
                return meta(Field.Meta.TIMESTAMP);
            case "key":
            case "value":
                List<Segment> segments = path();
                return segments.isEmpty() ? new Field.Whole(name.equals("key"))
                        : new Field.JsonPath(name.equals("key"), List.copyOf(segments));
            case "headers":
                return headerAfterHeaders(root);
            case "header":
                expect(Kind.LPAREN, "expected '(' and a quoted header name, e.g. header(\"trace-id\")");
                Token headerName = expect(Kind.STRING, "expected a quoted header name, e.g. header(\"trace-id\")");
                expect(Kind.RPAREN, "expected ')' after the header name");
                return new Field.Header(headerName.text());
            default:
                throw error(root, "unknown field '" + root.text() + "'", "expected " + FIELDS);
        }
    }

    private Field meta(Field.Meta meta) {
        Kind kind = peek().kind();
        if (kind == Kind.DOT || kind == Kind.LBRACKET) {
            throw unexpected(peek(), "expected an operator; " + meta.name().toLowerCase(java.util.Locale.ROOT)
                    + " is a number and has no fields");
        }
        return meta;
    }

    private Field headerAfterHeaders(Token root) {
        Token t = peek();
        if (t.kind() == Kind.DOT) {
            next++;
            Token name = expect(Kind.IDENT, "expected a header name after 'headers.'; quote other names, "
                    + "e.g. headers[\"my.header\"]");
            return new Field.Header(name.text());
        }
        if (t.kind() == Kind.LBRACKET) {
            next++;
            Token name = expect(Kind.STRING, "expected a quoted header name, e.g. headers[\"my.header\"]");
            expect(Kind.RBRACKET, "expected ']'");
            return new Field.Header(name.text());
        }
        throw unexpected(t, "expected '.' and a header name after '" + root.text() + "', e.g. headers.trace-id");
    }

    // path := ("." NAME | "[" (INTEGER | STRING | "*") "]")*
    private List<Segment> path() {
        List<Segment> segments = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.DOT) {
                next++;
                Token name = expect(Kind.IDENT, "expected a name after '.'; use [0] for array elements and "
                        + "[\"odd key\"] for other names");
                segments.add(Segment.name(name.text()));
            } else if (t.kind() == Kind.LBRACKET) {
                next++;
                Token inside = peek();
                if (inside.kind() == Kind.STRING) {
                    segments.add(Segment.name(inside.text()));
                } else if (inside.kind() == Kind.STAR) {
                    segments.add(Segment.all());
                } else if (inside.kind() == Kind.NUMBER && inside.text().matches("-?\\d{1,9}")) {
                    segments.add(Segment.index(Integer.parseInt(inside.text())));
                } else {
                    throw unexpected(inside, "expected an array index, '*' or a quoted name inside [ ]");
                }
                next++;
                expect(Kind.RBRACKET, "expected ']'");
            } else {
                return segments;
            }
        }
    }

    // literal := STRING | NUMBER | "true" | "false" | "null"
    private Literal literal() {
        Token t = peek();
        next++;
        switch (t.kind()) {
            case STRING:
                return Literal.string(t.text(), t.position());
            case NUMBER:
                return Literal.number(t.text(), t.position());
            case IDENT:
                if (t.isWord("true") || t.isWord("false")) {
                    return Literal.bool(t.isWord("true"), t.position());
                }
                if (t.isWord("null")) {
                    return Literal.nul(t.position());
                }
                // Bare words are never evaluated or resolved: `value == java.lang.Runtime` stops here.
                throw error(t, "unexpected '" + t.text() + "'", "expected a value; quote text, e.g. \""
                        + t.text() + "\"");
            default:
                throw unexpected(t, "expected a value");
        }
    }

    /** Type checks between field, operator and constant; also where regexes and ISO times are converted. */
    private Comparison comparison(Field field, Operator op, Token opToken, Literal literal) {
        Literal.Kind kind = literal.kind();
        if (field instanceof Field.Meta) {
            String name = ((Field.Meta) field).name().toLowerCase(java.util.Locale.ROOT);
            if (op.isWordOperator()) {
                throw error(opToken, "'" + op.symbol + "' needs text", name + " is a number; use ==, !=, <, <=, > or >=");
            }
            if (field == Field.Meta.TIMESTAMP && kind == Literal.Kind.STRING) {
                long millis;
                try {
                    millis = epochMillis(literal);
                } catch (ArithmeticException beyondLongMillis) {
                    throw error(literal.position(), "time out of range", "expected a time that fits epoch millis");
                }
                return new Comparison(op, Literal.instant(literal.text(), millis, literal.position()), null);
            }
            if (kind != Literal.Kind.NUMBER || !literal.isLong()) {
                throw error(literal.position(), "unexpected " + literal.toSource(), "expected a whole number for " + name
                        + (field == Field.Meta.TIMESTAMP ? " (epoch millis) or an ISO-8601 time such as "
                        + "\"2026-11-25T10:00:00Z\"" : ""));
            }
            return new Comparison(op, literal, null);
        }
        boolean textual = kind == Literal.Kind.STRING || kind == Literal.Kind.NUMBER;
        if (op.category == Operator.Category.REGEX) {
            if (kind != Literal.Kind.STRING) {
                throw error(literal.position(), "unexpected " + literal.toSource(), "expected a quoted regular expression");
            }
            return new Comparison(op, literal, new GuardedRegex(regex(literal, op == Operator.IMATCHES), abandonedMatches));
        }
        if ((op.category == Operator.Category.TEXT || op.category == Operator.Category.ORDER) && !textual) {
            throw error(literal.position(), "unexpected " + literal.toSource(), "'" + op.symbol
                    + "' expects a quoted text or a number");
        }
        return new Comparison(op, literal, null);
    }

    private Pattern regex(Literal literal, boolean ignoreCase) {
        try {
            return Pattern.compile(literal.text(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw error(literal.position(), "invalid regular expression", e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() + " of the regex" : ""));
        }
    }

    /** ISO-8601 instant, offset date-time, or a local date-time or date taken as UTC. */
    private long epochMillis(Literal literal) {
        String text = literal.text().trim();
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException notDate) {
            throw error(literal.position(), "unexpected " + literal.toSource(), "expected an ISO-8601 time such as "
                    + "\"2026-11-25T10:00:00Z\" or epoch millis");
        }
    }

    /** The operator this token spells, or null. */
    private static Operator operatorAt(Token t) {
        switch (t.kind()) {
            case EQ: return Operator.EQ;
            case NE: return Operator.NE;
            case LT: return Operator.LT;
            case LE: return Operator.LE;
            case GT: return Operator.GT;
            case GE: return Operator.GE;
            case IDENT: return Operator.word(t.text());
            default: return null;
        }
    }

    private Token expect(Kind kind, String hint) {
        Token t = peek();
        if (t.kind() != kind) {
            throw unexpected(t, hint);
        }
        next++;
        return t;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private FilterSyntaxException unexpected(Token t, String hint) {
        return error(t, "unexpected " + t.describe(), hint);
    }

    private FilterSyntaxException error(Token t, String problem, String hint) {
        return error(t.position(), problem, hint);
    }

    private FilterSyntaxException error(int position, String problem, String hint) {
        return new FilterSyntaxException(source, position, problem, hint);
    }
}
