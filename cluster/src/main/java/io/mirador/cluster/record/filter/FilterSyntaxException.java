package io.mirador.cluster.record.filter;

/**
 * A filter that does not parse. The message is one line, {@code <problem> at position <n>: <hint>}, e.g.
 * {@code unexpected ')' at position 17: expected a value}; {@link #position()} is the 0-based index into
 * the expression, and {@link #render()} draws a caret under it for terminals (a CLI prints the message and
 * the rendering, then exits with status 2).
 */
public final class FilterSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int position;

    FilterSyntaxException(String expression, int position, String problem, String hint) {
        super(problem + " at position " + position + ": " + hint);
        this.expression = expression;
        this.position = position;
    }

    /** 0-based index of the offending character in {@link #expression()}; its length when the filter ended early. */
    public int position() {
        return position;
    }

    /** The filter as it was given. */
    public String expression() {
        return expression;
    }

    /**
     * Two lines: the line of the expression holding the error, and a caret under the error. Tabs are copied
     * into the padding so the caret lines up whatever the terminal's tab width.
     */
    public String render() {
        int lineStart = expression.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        if (position == 0) {
            lineStart = 0;
        }
        int lineEnd = expression.indexOf('\n', position);
        String line = expression.substring(lineStart, lineEnd < 0 ? expression.length() : lineEnd);
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < position; i++) {
            caret.append(expression.charAt(i) == '\t' ? '\t' : ' ');
        }
        return line + System.lineSeparator() + caret.append('^');
    }
}
