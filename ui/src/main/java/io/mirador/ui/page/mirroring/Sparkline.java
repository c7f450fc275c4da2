package io.mirador.ui.page.mirroring;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A tiny line of recent values, scaled from zero to their maximum, for a table cell: one {@link Polyline}
 * whose points are recomputed on new values or a new size. FX thread only.
 */
final class Sparkline extends Region {

    private final Polyline line = new Polyline();
    private double[] values = new double[0];

    Sparkline() {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
        setPrefSize(96, 18);
        setMinSize(24, 12);
    }

    /** Oldest first; the array is kept, not copied (rows hand out a new one per poll). */
    void setValues(double[] next) {
        values = next == null ? new double[0] : next;
        requestLayout();
    }

    double[] values() {
        return values;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        line.getPoints().clear();
        if (values.length == 0 || w <= 0 || h <= 0) {
            return;
        }
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        // A flat zero line sits at the bottom; one point becomes a short flat line so it is visible.
        double step = values.length == 1 ? w : w / (values.length - 1);
        Double[] points = new Double[values.length == 1 ? 4 : values.length * 2];
        for (int i = 0; i < values.length; i++) {
            double y = y0 + h - (max <= 0 ? 0 : values[i] / max * (h - 1));
            points[2 * i] = x0 + i * step;
            points[2 * i + 1] = y;
        }
        if (values.length == 1) {
            points[2] = x0 + w;
            points[3] = points[1];
        }
        line.getPoints().setAll(points);
    }
}
