package io.mirador.ui.page.brokers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.broker.LogDir;
import io.mirador.cluster.broker.LogDirUsage;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.ui.service.BrokerSource;
import io.mirador.ui.service.Connections;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class BrokersViewModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final FakeBrokers source = new FakeBrokers();
    private final List<String> questions = new ArrayList<>();
    private boolean answer = true;
    private Connections connections;
    private BrokersViewModel model;

    @BeforeEach
    void setUp() {
        connections = backend.runningConnections(executor);
        source.configs.put(0, new ArrayList<>(List.of(
                config("compression.type", "producer", ConfigSource.DEFAULT_CONFIG, false),
                config("log.cleaner.threads", "2", ConfigSource.DYNAMIC_BROKER_CONFIG, false),
                config("log.dirs", "/data/kafka", ConfigSource.STATIC_BROKER_CONFIG, true),
                config("num.io.threads", "8", ConfigSource.DEFAULT_CONFIG, false))));
        source.configs.put(1, new ArrayList<>(List.of(
                config("num.io.threads", "16", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, false))));
        source.usage = List.of(
                new LogDirUsage(0, List.of(dir("/data/a", Map.of("orders", 300L, "logs", 900L, "tiny", 1L)),
                        dir("/data/b", Map.of()))),
                new LogDirUsage(1, List.of(dir("/data/c", Map.of("orders", 50L)))));
        model = new BrokersViewModel(connections, source, executor, question -> {
            questions.add(question);
            return answer;
        });
    }

    private static ConfigValue config(String name, String value, ConfigSource source, boolean readOnly) {
        return new ConfigValue(name, value, source == ConfigSource.DEFAULT_CONFIG, false, readOnly, source,
                "what " + name + " does");
    }

    private static LogDir dir(String path, Map<String, Long> perTopic) {
        long size = perTopic.values().stream().mapToLong(Long::longValue).sum();
        return new LogDir(path, OptionalLong.of(10_000), OptionalLong.of(8_000), size, perTopic, null);
    }

    @Test
    void showsTheFirstBrokersConfigsAndEveryLogDirOnlyWhenShown() {
        assertThat(source.calls).isEmpty();
        assertThat(model.writableProperty().get()).isTrue();

        model.setActive(true);

        assertThat(model.brokerIds()).containsExactly(0, 1);
        assertThat(model.selectedBrokerProperty().get()).isZero();
        assertThat(model.visibleConfigs()).extracting(ConfigValue::name)
                .containsExactly("compression.type", "log.cleaner.threads", "log.dirs", "num.io.threads");
        assertThat(model.configStatusProperty().get()).isEqualTo("4 of 4 configs");
        assertThat(model.logDirs().dirs()).extracting(r -> r.brokerId() + ":" + r.path())
                .containsExactly("0:/data/a", "0:/data/b", "1:/data/c");
        assertThat(model.logDirs().selectedProperty().get().path()).isEqualTo("/data/a");
        assertThat(model.logDirs().topics()).extracting(TopicUsage::topic).containsExactly("logs", "orders", "tiny");
        assertThat(model.logDirs().topics().get(0).share()).isEqualTo(900.0 / 1201);
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void choosingABrokerShowsItsConfigsAndItsFirstLogDir() {
        model.setActive(true);

        model.selectedBrokerProperty().set(1);

        assertThat(model.visibleConfigs()).extracting(ConfigValue::value).containsExactly("16");
        assertThat(model.logDirs().selectedProperty().get().path()).isEqualTo("/data/c");
        assertThat(model.logDirs().topics()).extracting(TopicUsage::bytes).containsExactly(50L);
        assertThat(source.calls).contains("configs local-a 1");
    }

    @Test
    void filtersByNameOrValueAndShowsOverridesOnly() {
        model.setActive(true);

        model.filterProperty().set("THREADS");
        assertThat(model.visibleConfigs()).extracting(ConfigValue::name)
                .containsExactly("log.cleaner.threads", "num.io.threads");
        assertThat(model.configStatusProperty().get()).isEqualTo("2 of 4 configs");

        model.overridesOnlyProperty().set(true);
        assertThat(model.visibleConfigs()).extracting(ConfigValue::name).containsExactly("log.cleaner.threads");

        model.filterProperty().set("/DATA");
        assertThat(model.visibleConfigs()).extracting(ConfigValue::name).containsExactly("log.dirs");
    }

    @Test
    void editsADynamicConfigAndReloads() {
        model.setActive(true);
        ConfigValue io = model.visibleConfigs().get(3);
        assertThat(model.canEdit(io)).isTrue();
        assertThat(model.canReset(io)).isFalse();

        model.alterConfig("num.io.threads", " 12 ");

        assertThat(source.calls).contains("alter local-a 0 num.io.threads=12");
        assertThat(model.noticeProperty().get()).isEqualTo("Set num.io.threads of broker 0 to 12.");
        assertThat(model.noticeIsErrorProperty().get()).as("a success is not shown as an error").isFalse();
        assertThat(model.visibleConfigs()).filteredOn(c -> c.name().equals("num.io.threads"))
                .singleElement().satisfies(c -> {
                    assertThat(c.value()).isEqualTo("12");
                    assertThat(c.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
                });
        assertThat(model.workingProperty().get()).isFalse();
    }

    /** Issue 18: a broker applies a change a moment after acknowledging it, so a read at once saw the old value. */
    @Test
    void aSavedValueShowsAtOnceWhileTheBrokerStillReportsTheOldOne() {
        model.setActive(true);
        int timers = executor.activePeriodicCount();
        source.lagging = true;

        model.alterConfig("num.io.threads", "12");

        assertThat(source.calls).contains("alter local-a 0 num.io.threads=12");
        assertThat(value("num.io.threads")).as("the saved value, though the broker still says 8").isEqualTo("12");
        assertThat(source("num.io.threads")).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
        long reads = configReads();
        executor.tick();
        assertThat(configReads()).as("read again soon, not at the next poll only").isGreaterThan(reads);
        assertThat(value("num.io.threads")).as("a stale read does not bring the old value back").isEqualTo("12");

        source.propagate();
        executor.tick();
        assertThat(value("num.io.threads")).isEqualTo("12");
        assertThat(executor.activePeriodicCount()).as("no more quick reads once the broker reports it")
                .isEqualTo(timers);
    }

    @Test
    void aRemovedOverrideIsReadAgainUntilTheBrokerDropsItAndAnUnconfirmedValueGivesWay() {
        model.setActive(true);
        int timers = executor.activePeriodicCount();
        source.lagging = true;

        model.resetConfig("log.cleaner.threads");
        assertThat(executor.activePeriodicCount()).isEqualTo(timers + 1);
        source.propagate();
        executor.tick();
        assertThat(model.visibleConfigs()).extracting(ConfigValue::name).doesNotContain("log.cleaner.threads");
        assertThat(executor.activePeriodicCount()).isEqualTo(timers);

        // A value the broker never reports (say another client changed it again) gives way after some reads.
        model.alterConfig("num.io.threads", "12");
        source.unapplied.clear();
        for (int i = 0; i <= SavedConfigs.MAX_READS; i++) {
            executor.tick();
        }
        assertThat(value("num.io.threads")).isEqualTo("8");
        assertThat(executor.activePeriodicCount()).isEqualTo(timers);
    }

    private String value(String name) {
        return config(name).value();
    }

    private ConfigSource source(String name) {
        return config(name).source();
    }

    private ConfigValue config(String name) {
        return model.visibleConfigs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private long configReads() {
        return source.calls.stream().filter(c -> c.startsWith("configs ")).count();
    }

    @Test
    void readOnlyConfigsAndEmptyValuesAreRefusedWithoutAsking() {
        model.setActive(true);
        ConfigValue dirs = model.visibleConfigs().get(2);
        assertThat(model.canEdit(dirs)).isFalse();

        model.alterConfig("log.dirs", "/elsewhere");
        assertThat(model.noticeProperty().get()).startsWith("Could not set log.dirs: it is read-only");
        model.alterConfig("num.io.threads", "  ");
        assertThat(model.noticeProperty().get()).startsWith("Could not set num.io.threads: give a value");
        assertThat(model.noticeIsErrorProperty().get()).as("a refusal is shown as an error").isTrue();

        assertThat(source.calls).noneMatch(c -> c.startsWith("alter"));
    }

    @Test
    void resetAsksFirstAndRemovesTheOverride() {
        model.setActive(true);
        ConfigValue threads = model.visibleConfigs().get(1);
        assertThat(model.canReset(threads)).isTrue();

        answer = false;
        model.resetConfig("log.cleaner.threads");
        assertThat(questions).singleElement().asString().startsWith("Reset log.cleaner.threads of broker 0?");
        assertThat(source.calls).noneMatch(c -> c.startsWith("reset"));

        answer = true;
        model.resetConfig("log.cleaner.threads");
        assertThat(source.calls).contains("reset local-a 0 log.cleaner.threads");
        assertThat(model.noticeProperty().get()).isEqualTo("Reset log.cleaner.threads of broker 0.");
        assertThat(model.visibleConfigs()).extracting(ConfigValue::name).doesNotContain("log.cleaner.threads");
    }

    @Test
    void aFailedWriteSaysWhyInOneLine() {
        model.setActive(true);
        source.failWrites = new ClusterException("cannot alter configs on cluster local-a: not authorised\nat ...",
                null);

        model.alterConfig("num.io.threads", "4");

        assertThat(model.noticeProperty().get())
                .isEqualTo("Could not set num.io.threads of broker 0: cannot alter configs on cluster local-a: not authorised");
        assertThat(model.workingProperty().get()).isFalse();
    }

    @Test
    void aReadOnlyConnectionDisablesEveryWrite() {
        connections.save(new ClusterConnection("prod", "prod-1:9092", Map.of(ClusterConnection.READ_ONLY, "true")),
                null, failure -> { });
        model.setActive(true);
        assertThat(model.writableProperty().get()).isTrue();

        model.selectedClusterProperty().set("prod");

        assertThat(model.writableProperty().get()).isFalse();
        assertThat(model.brokerIds()).containsExactly(0, 1);
        ConfigValue io = model.visibleConfigs().get(3);
        assertThat(model.canEdit(io)).isFalse();
        assertThat(model.canReset(model.visibleConfigs().get(1))).isFalse();
        model.alterConfig("num.io.threads", "4");
        model.resetConfig("log.cleaner.threads");
        assertThat(model.noticeProperty().get()).contains("prod is read-only");
        assertThat(questions).isEmpty();
        assertThat(source.calls).noneMatch(c -> c.startsWith("alter") || c.startsWith("reset"));

        model.selectedClusterProperty().set("local-a");
        assertThat(model.writableProperty().get()).isTrue();
    }

    @Test
    void aStoppedClusterClearsThePageAndIsNotWritable() {
        model.setActive(true);

        backend.cluster(0).set(ClusterState.STOPPED);

        assertThat(model.brokerIds()).isEmpty();
        assertThat(model.visibleConfigs()).isEmpty();
        assertThat(model.logDirs().dirs()).isEmpty();
        assertThat(model.logDirs().topics()).isEmpty();
        assertThat(model.writableProperty().get()).isFalse();
        assertThat(model.problemProperty().get()).contains("local-a is stopped");
    }

    @Test
    void aFailedLoadKeepsWhatWasShownAndSaysWhy() {
        model.setActive(true);
        source.failLoads = new ClusterException("cluster local-a did not answer", null);

        model.refresh();

        assertThat(model.problemProperty().get()).isEqualTo("Could not load brokers: cluster local-a did not answer");
        assertThat(model.visibleConfigs()).hasSize(4);
        assertThat(model.logDirs().dirs()).hasSize(3);
    }

    @Test
    void pollingKeepsTheSelectedLogDirAndStopsWhenHidden() {
        model.setActive(true);
        model.logDirs().selectedProperty().set(model.logDirs().dirs().get(1));

        executor.tick();
        assertThat(model.logDirs().selectedProperty().get().path()).isEqualTo("/data/b");
        assertThat(model.logDirs().topics()).isEmpty();

        model.setActive(false);
        int calls = source.calls.size();
        executor.tick();
        assertThat(source.calls).hasSize(calls);
    }

    /** Brokers in memory; writes change the configs the way a broker would. */
    private static final class FakeBrokers implements BrokerSource {
        final Map<Integer, List<ConfigValue>> configs = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        List<LogDirUsage> usage = List.of();
        RuntimeException failLoads;
        RuntimeException failWrites;
        /** Writes are acknowledged but not reported by reads until {@link #propagate()}, as a broker does. */
        boolean lagging;
        final List<Runnable> unapplied = new ArrayList<>();

        void propagate() {
            unapplied.forEach(Runnable::run);
            unapplied.clear();
        }

        private void apply(Runnable change) {
            if (lagging) {
                unapplied.add(change);
            } else {
                change.run();
            }
        }

        @Override
        public List<LogDirUsage> logDirs(String cluster) {
            calls.add("logDirs " + cluster);
            if (failLoads != null) {
                throw failLoads;
            }
            return usage;
        }

        @Override
        public List<ConfigValue> configs(String cluster, int brokerId) {
            calls.add("configs " + cluster + " " + brokerId);
            if (failLoads != null) {
                throw failLoads;
            }
            return List.copyOf(configs.get(brokerId));
        }

        @Override
        public void alterConfig(String cluster, int brokerId, String name, String value) {
            calls.add("alter " + cluster + " " + brokerId + " " + name + "=" + value);
            if (failWrites != null) {
                throw failWrites;
            }
            List<ConfigValue> list = configs.get(brokerId);
            apply(() -> list.replaceAll(c -> c.name().equals(name)
                    ? config(name, value, ConfigSource.DYNAMIC_BROKER_CONFIG, false) : c));
        }

        @Override
        public void resetConfig(String cluster, int brokerId, String name) {
            calls.add("reset " + cluster + " " + brokerId + " " + name);
            if (failWrites != null) {
                throw failWrites;
            }
            apply(() -> configs.get(brokerId).removeIf(c -> c.name().equals(name)));
        }
    }
}
