/**
 * A small, safe filter language for searching Kafka records: {@link io.mirador.cluster.record.filter.Filter}
 * compiles an expression once, then tests records through the
 * {@link io.mirador.cluster.record.filter.FilterRecord} view. Nothing in a filter is evaluated as code: the
 * parser builds a fixed set of node types, bare words are never resolved, JSON is read as a tree without type
 * information, and regexes run under a step budget. User guide with examples: {@code docs/FILTERS.md}.
 *
 * <h2>Grammar</h2>
 * Keywords, operator words and root field names are case-insensitive; JSON names and header names are not.
 * <pre>
 * filter     = or                                      (an empty filter is a syntax error)
 * or         = and { ("or" | "||") and }
 * and        = unary { ("and" | "&amp;&amp;") unary }
 * unary      = ("not" | "!") unary | primary
 * primary    = "(" or ")"
 *            | STRING                                  key or value contains the text
 *            | "exists" "(" field ")"
 *            | field "exists"
 *            | field operator literal
 * field      = "partition" | "offset" | "timestamp"
 *            | ("key" | "value") { segment }           no segment: the whole key/value as UTF-8 text
 *            | "headers" "." NAME | "headers" "[" STRING "]" | "header" "(" STRING ")"
 * segment    = "." NAME | "[" INTEGER "]" | "[" STRING "]" | "[" "*" "]"
 * operator   = "==" | "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *            | "contains" | "startsWith" | "endsWith" | "matches" | "iequals"
 *            | "icontains" | "istartsWith" | "iendsWith" | "imatches"
 * literal    = STRING | NUMBER | "true" | "false" | "null"
 * NAME       = [A-Za-z_] [A-Za-z0-9_-]*
 * STRING     = '"' ... '"' | "'" ... "'"   JSON escapes (\" \\ \/ \n \t \r \b \f, backslash-u and four hex
 *              digits) and \'; any other backslash pair is kept as written, so "\d+" is the regex \d+
 * NUMBER     = JSON number: -?digits(.digits)?([eE][+-]?digits)?
 * INTEGER    = -?digits   (negative indexes count from the end of the array)
 * </pre>
 * Precedence: {@code not} binds tighter than {@code and}, which binds tighter than {@code or}.
 *
 * <h2>Meaning</h2>
 * <ul>
 *   <li>A field yields zero or more values; a condition holds when it holds for one of them (repeated
 *       headers, {@code [*]}). No value (missing path, value not JSON, no such header) makes every comparison
 *       false, {@code !=} included; {@code not} is the way to include such records.</li>
 *   <li>For a present value, {@code a != b} is exactly {@code not a == b}. {@code null} equals only null: a
 *       record without key, a tombstone, a header with a null value, JSON null.</li>
 *   <li>Numbers compare numerically with JSON numbers and with text that reads as a number
 *       ({@code key == 42} matches the key "42"); text compares with text (JSON strings, numbers as written,
 *       objects and arrays as compact JSON), ordered by UTF-16 code units.</li>
 *   <li>{@code partition}, {@code offset}, {@code timestamp} take whole numbers; {@code timestamp} also takes an
 *       ISO-8601 text (instant, with offset, or a local date-time or date read as UTC), converted at parse
 *       time.</li>
 *   <li>{@code matches} is a Java regex searched with find() (anchor with ^ and $); the {@code i}-prefixed
 *       operators ignore case. A regex match that exceeds its step budget counts as no match and is tallied
 *       in {@link io.mirador.cluster.record.filter.Filter#abandonedRegexMatches()}.</li>
 *   <li>Bytes are decoded as UTF-8 (malformed input becomes U+FFFD); the key and value are each decoded and
 *       parsed as JSON at most once per record, and only when a condition needs it.</li>
 * </ul>
 */
package io.mirador.cluster.record.filter;
