package io.mirador.ui.page.overview;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.OptionalDouble;

import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.cluster.broker.KafkaVersion;
import io.mirador.ui.control.HistoryChartModel;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.history.ClusterSampler;
import io.mirador.ui.service.history.HistorySource;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Overview page. UI thread only: loads run through the {@link TaskExecutor},
 * whose callbacks come back on the UI thread. A failed load keeps the last summary and says why. Cluster
 * choice, polling and load bookkeeping are the shared {@link ClusterPoller}'s; this class only keeps the summary.
 *
 * <p>The cluster's total in and out rates are the newest points the {@link ClusterSampler} recorded (read from
 * the {@link HistorySource} with each summary load, so they are at most one sampling interval old), and the
 * in-rate's history is the {@link #inRateChart()} model. Rates older than {@link #RATE_MAX_AGE} are not shown:
 * the sampler has not reached the cluster lately. A failed history read blanks the rates, not the summary.
 */
public final class OverviewViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    /** Three default sampling intervals: one missed round still shows a rate, a stopped sampler does not. */
    public static final Duration RATE_MAX_AGE = ClusterSampler.DEFAULT_INTERVAL.multipliedBy(3);

    private final ReadOnlyObjectWrapper<ClusterSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyObjectWrapper<Double> inRate = new ReadOnlyObjectWrapper<>(this, "inRate");
    private final ReadOnlyObjectWrapper<Double> outRate = new ReadOnlyObjectWrapper<>(this, "outRate");
    private final BooleanProperty utc = new SimpleBooleanProperty(this, "utc");
    private final ObservableValue<ZoneId> timeZone = utc.map(u -> u ? ZoneOffset.UTC : ZoneId.systemDefault());
    private final ObservableList<BrokerSummary> brokers = FXCollections.observableArrayList();
    private final ObservableList<BrokerSummary> brokersView = FXCollections.unmodifiableObservableList(brokers);
    private final HistorySource history;
    private final HistoryChartModel inRateChart;
    private final ClusterPoller<Loaded> poller;

    /** One load: the summary and the newest rates, null where unknown. */
    private record Loaded(ClusterSummary summary, Double inRate, Double outRate) {
    }

    /** Without metric history: no rates, an empty chart. */
    public OverviewViewModel(Connections connections, OverviewSource source, TaskExecutor executor) {
        this(connections, source, HistorySource.none(), executor);
    }

    public OverviewViewModel(Connections connections, OverviewSource source, HistorySource history,
                             TaskExecutor executor) {
        this.history = history;
        inRateChart = new HistoryChartModel(history, executor, ClusterSampler.CLUSTER_IN_RATE, "");
        poller = new ClusterPoller<Loaded>(this, connections, executor, AUTO_REFRESH,
                "Loading overview of", "Could not load the overview",
                cluster -> new Loaded(source.summary(cluster), rate(cluster, ClusterSampler.CLUSTER_IN_RATE),
                        rate(cluster, ClusterSampler.CLUSTER_OUT_RATE)),
                this::loaded, this::clear);
        poller.start();
        // The chart follows the chosen cluster even while it is stopped: its history is still worth seeing.
        inRateChart.clusterProperty().bind(poller.selectedClusterProperty());
    }

    public ObservableList<String> clusterNames() {
        return poller.clusterNames();
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return poller.selectedClusterProperty();
    }

    /** The last loaded summary of the selected cluster; null before the first load. */
    public ReadOnlyObjectProperty<ClusterSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Records per second appended to the cluster's topics, newest sample; null when unknown. */
    public ReadOnlyObjectProperty<Double> inRateProperty() {
        return inRate.getReadOnlyProperty();
    }

    /** Records per second consumer groups committed, newest sample; null when unknown. */
    public ReadOnlyObjectProperty<Double> outRateProperty() {
        return outRate.getReadOnlyProperty();
    }

    /** The in-rate chart's state; the page shows it, this view-model keeps it on the chosen cluster. */
    public HistoryChartModel inRateChart() {
        return inRateChart;
    }

    /** Chart times in UTC rather than local time. */
    public BooleanProperty utcProperty() {
        return utc;
    }

    /** The zone chart times are shown in: UTC or the system's. */
    public ObservableValue<ZoneId> timeZone() {
        return timeZone;
    }

    /** Brokers of the last summary, sorted by id. */
    public ObservableList<BrokerSummary> brokers() {
        return brokersView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return poller.loadingProperty();
    }

    /** Why the figures are missing or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return poller.problemProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        poller.setActive(active);
        inRateChart.setActive(active);
    }

    public boolean isActive() {
        return poller.isActive();
    }

    /** Loads the selected cluster's summary unless a load of that cluster is already under way. */
    public void refresh() {
        poller.refresh();
    }

    /** Worker thread: the newest rate, or null when there is none or the store cannot be read. */
    private Double rate(String cluster, String metric) {
        try {
            OptionalDouble value = history.latest(cluster, metric, "", RATE_MAX_AGE);
            return value.isPresent() ? value.getAsDouble() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A load of the still selected cluster succeeded (UI thread). */
    private void loaded(Loaded result) {
        summary.set(result.summary());
        brokers.setAll(result.summary().brokers());
        inRate.set(result.inRate());
        outRate.set(result.outRate());
    }

    private void clear() {
        summary.set(null);
        brokers.clear();
        inRate.set(null);
        outRate.set(null);
    }

    /** "1,234.5 rec/s", "0 rec/s"; "–" for null (unknown). */
    static String rate(Double perSecond) {
        if (perSecond == null) {
            return "–";
        }
        double v = perSecond;
        if (v == 0) {
            return "0 rec/s";
        }
        return String.format(Locale.ROOT, v < 10 ? "%,.2f rec/s" : v < 1000 ? "%,.1f rec/s" : "%,.0f rec/s", v);
    }

    /** "4.4 (metadata 4.4-IV2)", "4.4", or "Unknown" when the cluster did not say. */
    static String version(KafkaVersion version) {
        if (version == null || version.release() == null && version.metadataVersion() == null) {
            return "Unknown";
        }
        if (version.release() == null) {
            return "metadata " + version.metadataVersion();
        }
        if (version.metadataVersion() == null) {
            return version.release();
        }
        return version.release() + " (metadata " + version.metadataVersion() + ")";
    }
}
