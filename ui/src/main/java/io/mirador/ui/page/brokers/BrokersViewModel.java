package io.mirador.ui.page.brokers;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.mirador.cluster.broker.LogDirUsage;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.BrokerSource;
import io.mirador.ui.service.Connections;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;

/**
 * State and commands of the Brokers page: the live brokers of the chosen cluster, the configs of one of them
 * (filtered locally) with edit and reset of dynamic ones, and every broker's log dirs ({@link LogDirsModel}).
 *
 * <p>Threading: UI thread only. Kafka calls run through the {@link TaskExecutor}, whose callbacks come back on
 * the UI thread. The shared {@link ClusterPoller} loads the log dirs, which also say which brokers are live;
 * each of its loads is followed by a load of the selected broker's configs, owned here and cancelled whenever
 * the poller cancels its own. Lists are replaced only when their content changed, so selections survive polls.
 *
 * <p>Writes: refused unless {@link #writableProperty()} (a running, not read-only connection); resets ask
 * {@code confirm} first. The outcome of the last write is in {@link #noticeProperty()}. A value just saved is
 * shown at once, and the configs are read again every {@link #CONFIRM_PERIOD} until the broker reports it
 * ({@link SavedConfigs}): a broker applies a change a moment after acknowledging it.
 */
public final class BrokersViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(10);
    /** Time between the reads that wait for a broker to report a saved config ({@link SavedConfigs}). */
    static final Duration CONFIRM_PERIOD = Duration.ofMillis(500);

    private final BrokerSource source;
    private final TaskExecutor executor;
    private final Predicate<String> confirm;
    private final ClusterPoller<List<LogDirUsage>> poller;

    private final ObservableList<Integer> brokerIds = FXCollections.observableArrayList();
    private final ObservableList<Integer> brokerIdsView = FXCollections.unmodifiableObservableList(brokerIds);
    private final ObjectProperty<Integer> selectedBroker = new SimpleObjectProperty<>(this, "selectedBroker");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty overridesOnly = new SimpleBooleanProperty(this, "overridesOnly", false);
    private final ObservableList<ConfigValue> configs = FXCollections.observableArrayList();
    private final FilteredList<ConfigValue> visibleConfigs = new FilteredList<>(configs);
    private final ReadOnlyStringWrapper configStatus = new ReadOnlyStringWrapper(this, "configStatus", "");
    private final ReadOnlyBooleanWrapper writable = new ReadOnlyBooleanWrapper(this, "writable", false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working", false);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper noticeIsError = new ReadOnlyBooleanWrapper(this, "noticeIsError");
    private final LogDirsModel logDirs = new LogDirsModel();
    private final SavedConfigs saved = new SavedConfigs();

    private BackgroundTask configLoad;
    private String configLoadKey;
    /** Re-reads the configs while a saved value is not reported by the broker yet; null when none waits. */
    private BackgroundTask confirmReads;

    /**
     * @param confirm asked before a reset with the question to show; true goes ahead. Called on the UI thread
     *                and may block it (a modal dialog).
     */
    public BrokersViewModel(Connections connections, BrokerSource source, TaskExecutor executor,
                            Predicate<String> confirm) {
        this.source = source;
        this.executor = executor;
        this.confirm = confirm;
        poller = new ClusterPoller<List<LogDirUsage>>(this, connections, executor, AUTO_REFRESH,
                "Loading brokers of", "Could not load brokers", source::logDirs, this::loaded, this::clear)
                .onCancel(this::cancelConfigLoad)
                .onChanged(this::updateWritable);
        filter.addListener((obs, old, now) -> applyFilter());
        overridesOnly.addListener((obs, old, now) -> applyFilter());
        selectedBroker.addListener((obs, old, now) -> brokerChanged());
        configs.addListener((ListChangeListener<ConfigValue>) change -> updateStatus());
        poller.start();
        applyFilter();
    }

    public ObservableList<String> clusterNames() {
        return poller.clusterNames();
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return poller.selectedClusterProperty();
    }

    /** Ids of the live brokers of the last load, ascending. */
    public ObservableList<Integer> brokerIds() {
        return brokerIdsView;
    }

    /** The broker whose configs are shown; the first live one unless the user picks another. */
    public ObjectProperty<Integer> selectedBrokerProperty() {
        return selectedBroker;
    }

    /** Shows configs whose name or value contains this text, ignoring case. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Shows only configs someone set (per broker, cluster-wide or in server.properties). */
    public BooleanProperty overridesOnlyProperty() {
        return overridesOnly;
    }

    /** Configs of the selected broker that pass the filter, sorted by name. */
    public ObservableList<ConfigValue> visibleConfigs() {
        return visibleConfigs;
    }

    /** E.g. "12 of 230 configs". */
    public ReadOnlyStringProperty configStatusProperty() {
        return configStatus.getReadOnlyProperty();
    }

    public LogDirsModel logDirs() {
        return logDirs;
    }

    /** Whether write actions are allowed: a running cluster whose connection is not read-only. */
    public ReadOnlyBooleanProperty writableProperty() {
        return writable.getReadOnlyProperty();
    }

    /** A write is under way; further writes wait for it. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** The outcome of the last write, in a sentence; empty before any. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether {@link #noticeProperty()} tells of a failure or a refusal (shown red) rather than a success. */
    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return noticeIsError.getReadOnlyProperty();
    }

    private void say(String text, boolean error) {
        notice.set(text);
        noticeIsError.set(error);
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return poller.loadingProperty();
    }

    /** Why the page is empty or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return poller.problemProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        poller.setActive(active);
        if (!active) {
            stopConfirming();
        } else if (!saved.isEmpty()) {
            startConfirming();
        }
    }

    public boolean isActive() {
        return poller.isActive();
    }

    public void refresh() {
        poller.refresh();
    }

    /** Whether {@code config} may be given a new value: writable, and not a read-only (static) config. */
    public boolean canEdit(ConfigValue config) {
        return config != null && writable.get() && !working.get() && !config.isReadOnly();
    }

    /** Whether {@code config} has a per-broker override that {@link #resetConfig} can remove. */
    public boolean canReset(ConfigValue config) {
        return config != null && writable.get() && !working.get()
                && config.source() == ConfigSource.DYNAMIC_BROKER_CONFIG;
    }

    /** Sets a per-broker override of the selected broker. Empty values are refused: reset removes overrides. */
    public void alterConfig(String name, String value) {
        Integer broker = selectedBroker.get();
        String cluster = poller.selectedCluster();
        if (!checkWritable(cluster, broker)) {
            return;
        }
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            say("Could not set " + name + ": give a value (Reset removes an override).", true);
            return;
        }
        Optional<ConfigValue> config = config(name);
        if (config.isPresent() && config.get().isReadOnly()) {
            say("Could not set " + name + ": it is read-only; set it in server.properties and restart the"
                    + " broker.", true);
            return;
        }
        boolean secret = config.map(ConfigValue::isSensitive).orElse(false);
        String done = "Set " + name + " of broker " + broker + (secret ? "" : " to " + v) + ".";
        write("Setting " + name + " of broker " + broker, cluster, broker,
                () -> source.alterConfig(cluster, broker, name, v), () -> saved.set(name, v),
                done, "Could not set " + name + " of broker " + broker);
    }

    /** Removes the selected broker's override of {@code name}, after {@code confirm} agreed. */
    public void resetConfig(String name) {
        Integer broker = selectedBroker.get();
        String cluster = poller.selectedCluster();
        if (!checkWritable(cluster, broker)) {
            return;
        }
        if (!confirm.test("Reset " + name + " of broker " + broker + "? The cluster-wide, static or default value"
                + " applies again.")) {
            return;
        }
        write("Resetting " + name + " of broker " + broker, cluster, broker,
                () -> source.resetConfig(cluster, broker, name), () -> saved.reset(name),
                "Reset " + name + " of broker " + broker + ".", "Could not reset " + name + " of broker " + broker);
    }

    private boolean checkWritable(String cluster, Integer broker) {
        if (cluster == null || broker == null) {
            say("Choose a cluster and a broker first.", true);
            return false;
        }
        if (!writable.get()) {
            say("Cluster " + cluster + " is read-only or not running: configs cannot be changed.", true);
            return false;
        }
        return !working.get();
    }

    /**
     * Runs one write off the UI thread, then says how it went. If its broker is still shown, the saved value is
     * shown at once ({@code remember} notes it) and the configs are read again until the broker reports it.
     */
    private void write(String title, String cluster, int broker, Runnable action, Runnable remember, String done,
                       String failed) {
        working.set(true);
        say("", false);
        executor.submit(title, () -> {
            action.run();
            return cluster;
        }, ok -> {
            working.set(false);
            say(done, false);
            if (cluster.equals(poller.selectedCluster()) && Objects.equals(broker, selectedBroker.get())) {
                remember.run();
                List<ConfigValue> shown = saved.show(configs);
                if (!shown.equals(configs)) {
                    configs.setAll(shown);
                }
                loadConfigs(true);
                if (!saved.isEmpty()) {
                    startConfirming();
                }
            }
        }, failure -> {
            working.set(false);
            say(failed + ": " + Messages.oneLine(failure), true);
        });
    }

    private Optional<ConfigValue> config(String name) {
        return configs.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A log-dir load of the still selected cluster succeeded (UI thread): brokers, dirs, then configs. */
    private void loaded(List<LogDirUsage> result) {
        List<Integer> ids = result.stream().map(LogDirUsage::brokerId).toList();
        if (!ids.equals(brokerIds)) {
            brokerIds.setAll(ids);
        }
        logDirs.show(result, selectedBroker.get());
        if (selectedBroker.get() == null || !ids.contains(selectedBroker.get())) {
            selectedBroker.set(ids.isEmpty() ? null : ids.get(0));
        } else {
            loadConfigs(false);
        }
    }

    /** Another cluster was chosen or the selected one stopped. */
    private void clear() {
        forgetSaved();
        selectedBroker.set(null);
        brokerIds.clear();
        configs.clear();
        logDirs.clear();
        say("", false);
    }

    private void brokerChanged() {
        forgetSaved();
        cancelConfigLoad();
        configs.clear();
        logDirs.brokerChosen(selectedBroker.get());
        loadConfigs(false);
    }

    /** Loads the selected broker's configs; unless {@code force}, not while a load of the same is under way. */
    private void loadConfigs(boolean force) {
        String cluster = poller.selectedCluster();
        Integer broker = selectedBroker.get();
        if (cluster == null || broker == null || !poller.isSelectedRunning()) {
            return;
        }
        String key = cluster + "\u0000" + broker;
        if (!force && configLoad != null && !configLoad.isDone() && key.equals(configLoadKey)) {
            return;
        }
        cancelConfigLoad();
        configLoadKey = key;
        configLoad = executor.submit("Loading configs of broker " + broker, () -> source.configs(cluster, broker),
                result -> configsLoaded(cluster, broker, result), failure -> configsFailed(cluster, broker, failure));
    }

    private void configsLoaded(String cluster, int broker, List<ConfigValue> result) {
        if (!cluster.equals(poller.selectedCluster()) || !Objects.equals(broker, selectedBroker.get())) {
            return;
        }
        List<ConfigValue> shown = saved.apply(result);
        if (!shown.equals(configs)) {
            configs.setAll(shown);
        }
        if (saved.isEmpty()) {
            stopConfirming();
        }
    }

    private void startConfirming() {
        if (confirmReads == null && poller.isActive()) {
            confirmReads = executor.every(CONFIRM_PERIOD, () -> loadConfigs(false));
        }
    }

    private void stopConfirming() {
        if (confirmReads != null) {
            confirmReads.cancel();
            confirmReads = null;
        }
    }

    private void forgetSaved() {
        saved.clear();
        stopConfirming();
    }

    private void configsFailed(String cluster, int broker, Throwable failure) {
        if (cluster.equals(poller.selectedCluster()) && Objects.equals(broker, selectedBroker.get())) {
            poller.setProblem("Could not load configs of broker " + broker + ": " + Messages.oneLine(failure));
        }
    }

    private void cancelConfigLoad() {
        if (configLoad != null) {
            configLoad.cancel();
            configLoad = null;
            configLoadKey = null;
        }
    }

    private void applyFilter() {
        String text = Objects.requireNonNullElse(filter.get(), "").trim().toLowerCase(Locale.ROOT);
        boolean onlyOverrides = overridesOnly.get();
        visibleConfigs.setPredicate(c -> (!onlyOverrides || c.isOverride())
                && (text.isEmpty() || contains(c.name(), text) || contains(c.value(), text)));
        updateStatus();
    }

    private static boolean contains(String s, String lowerText) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerText);
    }

    private void updateStatus() {
        configStatus.set(visibleConfigs.size() + " of " + configs.size() + (configs.size() == 1 ? " config" : " configs"));
    }

    private void updateWritable() {
        writable.set(poller.isSelectedWritable());
    }

    /** "Default", "Per broker", ...: where a config's value comes from, for people. */
    public static String sourceName(ConfigSource source) {
        if (source == null) {
            return "Unknown";
        }
        return switch (source) {
            case DEFAULT_CONFIG -> "Default";
            case STATIC_BROKER_CONFIG -> "server.properties";
            case DYNAMIC_BROKER_CONFIG -> "Per broker";
            case DYNAMIC_DEFAULT_BROKER_CONFIG -> "Cluster-wide";
            case DYNAMIC_BROKER_LOGGER_CONFIG -> "Broker logger";
            case DYNAMIC_TOPIC_CONFIG -> "Topic";
            case DYNAMIC_CLIENT_METRICS_CONFIG -> "Client metrics";
            case DYNAMIC_GROUP_CONFIG -> "Group";
            default -> "Unknown";
        };
    }
}
