package io.mirador.cluster.record.filter;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A compiled record filter; the language is described in the package documentation and docs/FILTERS.md.
 * Immutable apart from a diagnostic counter, and safe to share between scanning threads.
 *
 * <pre>{@code
 * Filter f = Filter.compile("value.user.id == 42 and headers.source == \"web\"");
 * if (f.test(FilterRecord.of(consumerRecord))) { ... }
 * }</pre>
 */
public final class Filter {

    /** Matches every record; prints as the empty string (the empty filter is a syntax error, not this). */
    public static final Filter ALL = new Filter(Expr.True.INSTANCE, new LongAdder());

    private final Expr root;
    private final LongAdder abandonedMatches;
    private final Optional<Set<Integer>> partitions;

    private Filter(Expr root, LongAdder abandonedMatches) {
        this.root = root;
        this.abandonedMatches = abandonedMatches;
        this.partitions = root.partitions().map(Collections::unmodifiableSet);
    }

    /**
     * Parses and checks a filter: field names, operator and constant types, regexes and ISO times are all
     * validated here, so {@link #test} never throws for a compiled filter.
     *
     * @throws FilterSyntaxException with the 0-based position of the first error (also for an empty filter)
     */
    public static Filter compile(String expression) {
        Objects.requireNonNull(expression, "expression");
        LongAdder abandoned = new LongAdder();
        return new Filter(Parser.parse(expression, abandoned), abandoned);
    }

    /** True when the record matches. Never throws on odd data: binary, non-UTF-8, non-JSON, null keys. */
    public boolean test(FilterRecord record) {
        if (root == Expr.True.INSTANCE) {
            return true;
        }
        return root.test(new RecordContext(record));
    }

    /**
     * The only partitions a matching record can be in (from {@code partition == n}, {@code partition < n},
     * combined through and/or), so a scanner can skip the others; empty when the filter does not narrow
     * partitions. An empty set means no record can match.
     */
    public Optional<Set<Integer>> partitions() {
        return partitions;
    }

    /**
     * Regex matches given up because they exceeded their step budget (catastrophic backtracking), counted as
     * "no match". Non-zero means a search may have missed records; a UI should say so.
     */
    public long abandonedRegexMatches() {
        return abandonedMatches.sum();
    }

    /** The filter in normal form: keywords in lower case, {@code ==} for {@code =}, minimal parentheses. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        root.appendTo(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
