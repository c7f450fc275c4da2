package io.mirador.ui.page.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forms and the write commands they feed, on the test thread without JavaFX. */
class TopicsCommandsTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a");
    private final FakeTopicSource source = new FakeTopicSource();
    private TopicsViewModel model;

    @BeforeEach
    void setUp() {
        source.topicsByCluster.put("local-a", List.of(
                new TopicSummary("orders", 3, 1, 10, 100, false),
                new TopicSummary("metrics_raw", 1, 1, 0, 0, false)));
        backend.cluster(0).set(ClusterState.RUNNING);
        model = new TopicsViewModel(new Connections(new SandboxService(backend, executor), ConnectionStore.inMemory(),
                executor), source, executor);
        model.setActive(true);
    }

    private List<String> names() {
        return model.visibleTopics().stream().map(TopicSummary::name).toList();
    }

    @Test
    void createFormSaysWhatIsMissingOrWrong() {
        CreateTopicForm form = model.newCreateForm();
        assertThat(form.problem()).isEqualTo("Enter a topic name.");

        form.nameProperty().set("bad name");
        assertThat(form.problem()).contains("contains a space");
        form.nameProperty().set("orders");
        assertThat(form.problem()).isEqualTo("Topic orders already exists.");
        form.nameProperty().set("metrics.raw");
        assertThat(form.problem()).contains("would collide with metrics_raw");
        form.nameProperty().set("payments");
        assertThat(form.isValid()).isTrue();

        form.partitionsProperty().set("0");
        assertThat(form.problem()).startsWith("Partitions must be a whole number of at least 1");
        form.partitionsProperty().set("six");
        assertThat(form.isValid()).isFalse();
        form.partitionsProperty().set(" 6 ");
        form.replicationFactorProperty().set("0");
        assertThat(form.problem()).startsWith("Replication factor must be");
        form.replicationFactorProperty().set("");
        assertThat(form.isValid()).as("blank: the broker's default").isTrue();

        CreateTopicForm.ConfigRow row = form.addConfig("retention.ms", "");
        assertThat(form.problem()).isEqualTo("Config retention.ms needs a value.");
        row.valueProperty().set("60000");
        form.addConfig("", "");
        assertThat(form.isValid()).as("blank rows are ignored").isTrue();
        form.addConfig("retention.ms", "1");
        assertThat(form.problem()).isEqualTo("Config retention.ms is given twice.");
        form.configs().remove(2);
        form.addConfig("", "compact");
        assertThat(form.problem()).isEqualTo("The config with value 'compact' needs a name.");
        form.configs().remove(2);
        assertThat(form.isValid()).isTrue();
    }

    @Test
    void createRunsInTheBackgroundThenListsTheNewTopic() {
        CreateTopicForm form = model.newCreateForm();
        form.nameProperty().set(" payments ");
        form.partitionsProperty().set("6");
        form.addConfig("cleanup.policy", "compact");
        form.addConfig("", "");

        model.commands().create(form);

        assertThat(source.writes).containsExactly("create local-a payments 6 -1 {cleanup.policy=compact}");
        assertThat(names()).contains("payments");
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Created topic payments.");
        assertThat(model.commands().noticeIsErrorProperty().get()).isFalse();
        assertThat(model.commands().busyProperty().get()).isFalse();
    }

    @Test
    void anInvalidFormIsNotSent() {
        CreateTopicForm form = model.newCreateForm();
        form.nameProperty().set("orders");

        model.commands().create(form);

        assertThat(source.writes).isEmpty();
        assertThat(model.commands().noticeProperty().get())
                .isEqualTo("Could not create topic orders: Topic orders already exists.");
    }

    @Test
    void deleteNeedsTheExactNameTyped() {
        assertThat(model.newDeleteForm()).as("nothing selected").isEmpty();
        model.selectedTopicProperty().set("orders");
        DeleteTopicForm form = model.newDeleteForm().orElseThrow();
        assertThat(form.problem()).isEqualTo("Type orders to confirm.");

        form.confirmationProperty().set("Orders");
        model.commands().delete(form);
        assertThat(source.writes).isEmpty();
        assertThat(model.commands().noticeIsErrorProperty().get()).isTrue();

        form.confirmationProperty().set("orders");
        assertThat(form.isValid()).isTrue();
        model.commands().delete(form);

        assertThat(source.writes).containsExactly("delete local-a orders");
        assertThat(names()).containsExactly("metrics_raw");
        assertThat(model.selectedTopicProperty().get()).as("gone, so no longer selected").isNull();
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Deleted topic orders.");
    }

    @Test
    void aFailedWriteSaysWhyInOneLine() {
        source.failWrites = new ClusterException("cannot add partitions to topic orders on cluster local-a: "
                + "broker said no\nat some.Stack(Trace.java:1)", null);
        model.selectedTopicProperty().set("orders");
        AddPartitionsForm form = model.newAddPartitionsForm().orElseThrow();

        model.commands().addPartitions(form);

        assertThat(model.commands().noticeProperty().get()).isEqualTo("Could not add partitions to topic orders: "
                + "cannot add partitions to topic orders on cluster local-a: broker said no");
        assertThat(model.commands().noticeIsErrorProperty().get()).isTrue();
        assertThat(executor.monitor().lastErrorProperty().get()).contains("broker said no");
    }

    @Test
    void partitionsCanOnlyGrow() {
        model.selectedTopicProperty().set("orders");
        AddPartitionsForm form = model.newAddPartitionsForm().orElseThrow();
        assertThat(form.newTotalProperty().get()).isEqualTo("4");
        assertThat(form.isValid()).isTrue();

        form.newTotalProperty().set("3");
        assertThat(form.problem()).isEqualTo("Enter a partition count above the current 3: partitions can only be added.");
        form.newTotalProperty().set("12");
        model.commands().addPartitions(form);

        assertThat(source.writes).containsExactly("add-partitions local-a orders 12");
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Topic orders now has 12 partitions.");
    }

    @Test
    void purgeAllOrPerPartitionUpToKnownOffsets() {
        source.details.put("orders", TopicsViewModelTest.detail("orders"));
        model.selectedTopicProperty().set("orders");
        model.openDetail("orders");
        PurgeForm form = model.newPurgeForm().orElseThrow();
        assertThat(form.rows()).extracting(PurgeForm.Row::latest).containsExactly(10L, 10L);
        assertThat(form.isValid()).as("all records by default").isTrue();

        form.allProperty().set(false);
        assertThat(form.problem()).isEqualTo("Enter an offset for at least one partition, or purge all records.");
        form.rows().get(1).beforeProperty().set("x");
        assertThat(form.problem()).isEqualTo("Partition 1: 'x' is not an offset.");
        form.rows().get(1).beforeProperty().set("11");
        assertThat(form.problem()).isEqualTo("Partition 1 ends at offset 10; purge up to at most that.");
        form.rows().get(1).beforeProperty().set("8");

        model.commands().purge(form);
        form.allProperty().set(true);
        model.commands().purge(form);

        assertThat(source.writes).containsExactly("purge local-a orders {1=8}", "purge-all local-a orders");
    }

    @Test
    void purgeWithoutTheDetailOpenOffersEveryPartitionWithUnknownOffsets() {
        model.selectedTopicProperty().set("orders");

        PurgeForm form = model.newPurgeForm().orElseThrow();

        assertThat(form.rows()).extracting(PurgeForm.Row::partition).containsExactly(0, 1, 2);
        form.allProperty().set(false);
        form.rows().get(2).beforeProperty().set("1000000");
        assertThat(form.isValid()).as("the broker checks the end").isTrue();
    }

    @Test
    void purgeWithoutTheDetailOpenReadsTheOffsetsForTheForm() {
        source.details.put("orders", TopicsViewModelTest.detail("orders"));
        model.selectedTopicProperty().set("orders");
        executor.holdWork();

        PurgeForm form = model.newPurgeForm().orElseThrow();
        assertThat(form.rows()).extracting(PurgeForm.Row::latest).containsOnly(-1L);
        form.allProperty().set(false);
        form.rows().get(1).beforeProperty().set("11");
        executor.runPending();

        assertThat(source.detailRequests).contains("local-a/orders");
        assertThat(form.rows()).extracting(PurgeForm.Row::latest).containsExactly(10L, 10L);
        assertThat(form.rows().get(1).beforeProperty().get()).as("what was typed stays").isEqualTo("11");
        assertThat(form.problem()).isEqualTo("Partition 1 ends at offset 10; purge up to at most that.");
        assertThat(model.detail().topicProperty().get()).as("the detail stays closed").isNull();
    }

    @Test
    void configsAreSetAsTopicOverridesOrReset() {
        ConfigValue retention = TopicsViewModelTest.config("retention.ms", "604800000", ConfigSource.DEFAULT_CONFIG);
        source.details.put("orders", TopicsViewModelTest.detail("orders"));
        source.configs.put("orders", List.of(retention));
        assertThat(model.newConfigEditForm(retention)).as("no topic open").isEmpty();
        model.openDetail("orders");

        ConfigEditForm form = model.newConfigEditForm(retention).orElseThrow();
        assertThat(form.problem()).isEqualTo("The value is unchanged.");
        form.valueProperty().set(" ");
        assertThat(form.problem()).startsWith("Enter a value");
        form.valueProperty().set("3600000");
        model.commands().setConfig(form);
        model.commands().resetConfig("orders", "retention.ms");

        assertThat(source.writes).containsExactly(
                "alter-configs local-a orders set={retention.ms=3600000} reset=[]",
                "alter-configs local-a orders set={} reset=[retention.ms]");
        assertThat(source.detailRequests).as("the detail reloads after each change").hasSize(3);
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Reset retention.ms of topic orders to its default.");
    }

    @Test
    void sensitiveValuesAreNeverPrefilled() {
        ConfigValue secret = new ConfigValue("sasl.jaas.config", "******", false, true, false,
                ConfigSource.DYNAMIC_TOPIC_CONFIG, null);

        ConfigEditForm form = new ConfigEditForm("orders", secret);

        assertThat(form.valueProperty().get()).isEmpty();
        form.valueProperty().set("******");
        assertThat(form.isValid()).isTrue();
        assertThat(new CreateTopicForm(Set.of()).problem()).isEqualTo("Enter a topic name.");
    }
}
