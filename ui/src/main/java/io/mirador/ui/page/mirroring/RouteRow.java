package io.mirador.ui.page.mirroring;

import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteDefinition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One route in the table. Rows live as long as their route and are updated in place on every poll, so the
 * table keeps its selection and scroll position and only the changed cells redraw. UI thread only.
 */
public final class RouteRow {

    /** 60 polls of 2 s: the last two minutes, or a history seed followed by what was polled since. */
    static final int TREND_POINTS = 60;

    private final String name;
    private final ReadOnlyObjectWrapper<RouteDefinition> definition = new ReadOnlyObjectWrapper<>(this, "definition");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Double> recordsPerSecond =
            new ReadOnlyObjectWrapper<>(this, "recordsPerSecond");
    private final ReadOnlyObjectWrapper<Long> lag = new ReadOnlyObjectWrapper<>(this, "lag");
    private final ReadOnlyObjectWrapper<Double> latencyP99 = new ReadOnlyObjectWrapper<>(this, "latencyP99");
    private final ReadOnlyObjectWrapper<Long> copied = new ReadOnlyObjectWrapper<>(this, "copied");
    private final ReadOnlyObjectWrapper<double[]> trend = new ReadOnlyObjectWrapper<>(this, "trend", new double[0]);
    private final RateRing ring = new RateRing(TREND_POINTS);

    RouteRow(RouteDefinition definition) {
        this.name = definition.name();
        this.definition.set(definition);
        state.set(definition.isPaused() ? "PAUSED" : "");
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<RouteDefinition> definitionProperty() {
        return definition.getReadOnlyProperty();
    }

    public RouteDefinition definition() {
        return definition.get();
    }

    /** STARTING, RUNNING, PAUSED, STOPPED or FAILED; empty before the first status. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public String state() {
        return state.get();
    }

    /** The engine's one-line reason when FAILED (or a worker error), else empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Null until known. */
    public ReadOnlyObjectProperty<Double> recordsPerSecondProperty() {
        return recordsPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> lagProperty() {
        return lag.getReadOnlyProperty();
    }

    /** NaN when nothing was copied in the engine's last metrics window. */
    public ReadOnlyObjectProperty<Double> latencyP99Property() {
        return latencyP99.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> copiedProperty() {
        return copied.getReadOnlyProperty();
    }

    /** Records per second, oldest first; replaced (never mutated) on each poll. */
    public ReadOnlyObjectProperty<double[]> trendProperty() {
        return trend.getReadOnlyProperty();
    }

    /** "east → west". */
    public String clusters() {
        return definition.get().source() + " → " + definition.get().target();
    }

    /** The selection in short: the whitelist count and the include pattern; "none (idle)" for an empty route. */
    public String topicsSummary() {
        RouteDefinition d = definition.get();
        if (d.topics().isEmpty() && (d.include() == null || d.include().isEmpty())) {
            return "none (idle)";
        }
        String list = d.topics().isEmpty() ? ""
                : d.topics().size() == 1 ? d.topics().get(0) : d.topics().size() + " topics";
        String pattern = d.include() == null ? "" : d.include();
        String text = list.isEmpty() ? pattern : pattern.isEmpty() ? list : list + " + " + pattern;
        return d.exclude() == null ? text : text + " − " + d.exclude();
    }

    public String naming() {
        return RouteNaming.of(definition.get().naming()).value();
    }

    void define(RouteDefinition next) {
        if (!next.equals(definition.get())) {
            definition.set(next);
        }
    }

    void update(RouteStatus status) {
        state.set(status.state() == null ? "" : status.state());
        error.set(status.error() == null ? "" : status.error());
        recordsPerSecond.set(status.recordsPerSecond());
        lag.set(status.lag());
        latencyP99.set(status.latencyP99Ms());
        copied.set(status.copiedRecords());
        ring.add(status.recordsPerSecond());
        trend.set(ring.snapshot());
    }

    /** The engine's recent history, oldest first, before what was polled so far. */
    void seedTrend(double[] older) {
        ring.prepend(older);
        trend.set(ring.snapshot());
    }

    boolean paused() {
        return "PAUSED".equals(state.get()) || (state.get().isEmpty() && definition.get().isPaused());
    }

    /** Stopped or failed: "Start" rather than "Resume". */
    boolean stopped() {
        return "STOPPED".equals(state.get()) || "FAILED".equals(state.get());
    }

    boolean running() {
        return "RUNNING".equals(state.get()) || "STARTING".equals(state.get());
    }
}
