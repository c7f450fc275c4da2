package io.mirador.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and ranges of repeated measurements: shared machines are noisy, so we quote medians. */
final class Stats {

    private final List<Double> samples = new ArrayList<>();

    void add(double value) {
        samples.add(value);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return Collections.min(samples);
    }

    double max() {
        return Collections.max(samples);
    }

    @Override
    public String toString() {
        return String.format("median %7.0f ms  (min %.0f, max %.0f, n=%d)", median(), min(), max(), samples.size());
    }
}
