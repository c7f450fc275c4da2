package io.mirador.cluster.record.filter;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed filter. Printing uses precedence levels (or 1, and 2, not 3, conditions 4) and adds parentheses
 * only where a child binds more loosely than its parent, so printing and re-parsing is stable.
 */
sealed interface Expr {

    int OR = 1;
    int AND = 2;
    int NOT = 3;
    int ATOM = 4;

    /** Partitions above this are not enumerated for {@code partition < n}; the filter then says "any". */
    int MAX_ENUMERATED_PARTITIONS = 100_000;

    boolean test(RecordContext ctx);

    int precedence();

    void appendTo(StringBuilder out);

    /** The partitions a matching record can be in, or empty when this expression does not narrow them. */
    default Optional<Set<Integer>> partitions() {
        return Optional.empty();
    }

    default void appendChild(StringBuilder out, Expr child) {
        if (child.precedence() < precedence()) {
            out.append('(');
            child.appendTo(out);
            out.append(')');
        } else {
            child.appendTo(out);
        }
    }

    /** Matches everything: {@link Filter#ALL}. */
    enum True implements Expr {
        INSTANCE;

        @Override
        public boolean test(RecordContext ctx) {
            return true;
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void appendTo(StringBuilder out) {
            // prints as the empty filter
        }
    }

    record Or(List<Expr> children) implements Expr {
        @Override
        public boolean test(RecordContext ctx) {
            for (Expr child : children) {
                if (child.test(ctx)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int precedence() {
            return OR;
        }

        @Override
        public void appendTo(StringBuilder out) {
            for (int i = 0; i < children.size(); i++) {
                out.append(i == 0 ? "" : " or ");
                appendChild(out, children.get(i));
            }
        }

        /** Narrowed only when every branch is: a record matching any branch must be in the union. */
        @Override
        public Optional<Set<Integer>> partitions() {
            Set<Integer> union = new HashSet<>();
            for (Expr child : children) {
                Optional<Set<Integer>> p = child.partitions();
                if (p.isEmpty()) {
                    return Optional.empty();
                }
                union.addAll(p.get());
            }
            return Optional.of(union);
        }
    }

    record And(List<Expr> children) implements Expr {
        @Override
        public boolean test(RecordContext ctx) {
            for (Expr child : children) {
                if (!child.test(ctx)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int precedence() {
            return AND;
        }

        @Override
        public void appendTo(StringBuilder out) {
            for (int i = 0; i < children.size(); i++) {
                out.append(i == 0 ? "" : " and ");
                appendChild(out, children.get(i));
            }
        }

        /** Narrowed by any branch that is: a matching record satisfies them all, so it is in the intersection. */
        @Override
        public Optional<Set<Integer>> partitions() {
            Set<Integer> result = null;
            for (Expr child : children) {
                Optional<Set<Integer>> p = child.partitions();
                if (p.isPresent()) {
                    if (result == null) {
                        result = new HashSet<>(p.get());
                    } else {
                        result.retainAll(p.get());
                    }
                }
            }
            return Optional.ofNullable(result);
        }
    }

    /** Negation does not narrow partitions: we do not know the topic's partition count here. */
    record Not(Expr child) implements Expr {
        @Override
        public boolean test(RecordContext ctx) {
            return !child.test(ctx);
        }

        @Override
        public int precedence() {
            return NOT;
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append("not ");
            appendChild(out, child);
        }
    }

    /** A bare quoted text: the key or the value contains it (case-sensitive, like {@code contains}). */
    record FreeText(String text) implements Expr {
        @Override
        public boolean test(RecordContext ctx) {
            String key = ctx.text(true);
            if (key != null && key.contains(text)) {
                return true;
            }
            String value = ctx.text(false);
            return value != null && value.contains(text);
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append(Literal.quote(text));
        }
    }

    record Exists(Field field) implements Expr {
        @Override
        public boolean test(RecordContext ctx) {
            return field.exists(ctx);
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void appendTo(StringBuilder out) {
            field.appendTo(out);
            out.append(" exists");
        }
    }

    record Compare(Field field, Comparison comparison) implements Expr {
        @Override
        public boolean test(RecordContext ctx) {
            return field.anyMatch(ctx, comparison);
        }

        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public void appendTo(StringBuilder out) {
            field.appendTo(out);
            comparison.appendTo(out);
        }

        @Override
        public Optional<Set<Integer>> partitions() {
            if (field != Field.Meta.PARTITION) {
                return Optional.empty();
            }
            long n = comparison.literal().longValue();
            Set<Integer> set = new HashSet<>();
            switch (comparison.op()) {
                case EQ:
                    if (n >= 0 && n <= Integer.MAX_VALUE) {
                        set.add((int) n);
                    }
                    return Optional.of(set);
                case LT:
                case LE:
                    long upper = comparison.op() == Operator.LT ? n - 1 : n;
                    if (upper >= MAX_ENUMERATED_PARTITIONS) {
                        return Optional.empty();
                    }
                    for (int p = 0; p <= upper; p++) {
                        set.add(p);
                    }
                    return Optional.of(set);
                default:
                    return Optional.empty();
            }
        }
    }
}
