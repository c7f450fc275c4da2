package io.mirador.cluster.record.filter;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The left side of a condition. A field yields zero or more values for a record; a condition holds when it
 * holds for at least one of them (several headers may share a name; {@code [*]} visits every array element).
 * Zero values (no such header, a path that does not resolve, a value that is not JSON) make every comparison
 * false, including {@code !=}; only {@code not} turns that into true.
 */
sealed interface Field {

    /** True when some value of this field satisfies {@code test}. */
    boolean anyMatch(RecordContext ctx, Comparison test);

    boolean exists(RecordContext ctx);

    void appendTo(StringBuilder out);

    /** {@code partition}, {@code offset} or {@code timestamp}: always present, always a whole number. */
    enum Meta implements Field {
        PARTITION, OFFSET, TIMESTAMP;

        long read(FilterRecord record) {
            switch (this) {
                case PARTITION:
                    return record.partition();
                case OFFSET:
                    return record.offset();
                default:
                    return record.timestamp();
            }
        }

        @Override
        public boolean anyMatch(RecordContext ctx, Comparison test) {
            return test.onNumber(read(ctx.record()));
        }

        @Override
        public boolean exists(RecordContext ctx) {
            return true;
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append(name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The whole key or value as UTF-8 text; null (no key, a tombstone) equals only {@code null}. */
    record Whole(boolean key) implements Field {
        @Override
        public boolean anyMatch(RecordContext ctx, Comparison test) {
            String text = ctx.text(key);
            return text == null ? test.onNull() : test.onText(text);
        }

        @Override
        public boolean exists(RecordContext ctx) {
            return ctx.bytes(key) != null;
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append(key ? "key" : "value");
        }
    }

    /** Every header with this name (case-sensitive, as in Kafka), values decoded as UTF-8. */
    record Header(String name) implements Field {
        @Override
        public boolean anyMatch(RecordContext ctx, Comparison test) {
            for (Map.Entry<String, byte[]> header : ctx.record().headers()) {
                if (name.equals(header.getKey())) {
                    byte[] bytes = header.getValue();
                    if (bytes == null ? test.onNull() : test.onText(RecordContext.decode(bytes))) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public boolean exists(RecordContext ctx) {
            for (Map.Entry<String, byte[]> header : ctx.record().headers()) {
                if (name.equals(header.getKey())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append("headers");
            Segment.name(name).appendTo(out);
        }
    }

    /** A path into the key or value parsed as JSON; at least one segment. */
    record JsonPath(boolean key, List<Segment> segments) implements Field {
        @Override
        public boolean anyMatch(RecordContext ctx, Comparison test) {
            JsonNode root = ctx.json(key);
            return root != null && walk(root, 0, test);
        }

        @Override
        public boolean exists(RecordContext ctx) {
            JsonNode root = ctx.json(key);
            return root != null && walk(root, 0, null);
        }

        /** Depth-first over the path; {@code test == null} asks only whether some node is reached. */
        private boolean walk(JsonNode node, int index, Comparison test) {
            if (index == segments.size()) {
                return test == null || test.onJson(node);
            }
            Segment segment = segments.get(index);
            if (segment.wildcard()) {
                if (node.isArray() || node.isObject()) {
                    for (JsonNode child : node) {
                        if (walk(child, index + 1, test)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            JsonNode child;
            if (segment.name() != null) {
                child = node.isObject() ? node.get(segment.name()) : null;
            } else {
                int i = segment.index() < 0 ? node.size() + segment.index() : segment.index();
                child = node.isArray() && i >= 0 ? node.get(i) : null;
            }
            return child != null && walk(child, index + 1, test);
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append(key ? "key" : "value");
            for (Segment segment : segments) {
                segment.appendTo(out);
            }
        }
    }

    /** One step of a path: an object member, an array index (negative counts from the end), or {@code [*]}. */
    record Segment(String name, int index, boolean wildcard) {

        static Segment name(String name) {
            return new Segment(name, 0, false);
        }

        static Segment index(int index) {
            return new Segment(null, index, false);
        }

        static Segment all() {
            return new Segment(null, 0, true);
        }

        void appendTo(StringBuilder out) {
            if (wildcard) {
                out.append("[*]");
            } else if (name == null) {
                out.append('[').append(index).append(']');
            } else if (Lexer.isPlainName(name)) {
                out.append('.').append(name);
            } else {
                out.append('[').append(Literal.quote(name)).append(']');
            }
        }
    }
}
