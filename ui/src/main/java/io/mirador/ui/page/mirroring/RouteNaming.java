package io.mirador.ui.page.mirroring;

/** The naming policies a route can use, with the value {@code RouteDefinition.naming()} takes. */
public enum RouteNaming {
    IDENTITY("identity", "Same names"), PREFIX("prefix", "Prefix: <alias>.<topic>"), MAP("map", "Map: source=target");

    private final String value;
    private final String label;

    RouteNaming(String value, String label) {
        this.value = value;
        this.label = label;
    }

    public String value() {
        return value;
    }

    /** The policy of a definition's {@code naming}; identity when null, as the engine defaults. */
    static RouteNaming of(String value) {
        for (RouteNaming n : values()) {
            if (n.value.equals(value)) {
                return n;
            }
        }
        return IDENTITY;
    }

    @Override
    public String toString() {
        return label;
    }
}
