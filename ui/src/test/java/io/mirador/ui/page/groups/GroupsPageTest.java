package io.mirador.ui.page.groups;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.group.GroupMember;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.service.KafkaGroupSource;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.testing.PageFixture;
import io.mirador.ui.testing.TestTopics;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The real Consumer groups page in a headless stage, on a real one-broker sandbox cluster shared by the tests of
 * the class (each uses its own topic and group). Controls are read on the FX thread ({@link Fx#fx}); waits are
 * Awaitility polls, never sleeps.
 */
@Tag("integration")
class GroupsPageTest {

    private static final Duration UI = Duration.ofSeconds(30);

    @RegisterExtension
    static final PageFixture sandbox = PageFixture.sandbox("local-a");

    private static GroupsViewModel model;
    private static GroupsPage page;
    private static String bootstrap;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openPage() throws Exception {
        onFx(() -> {
            model = new GroupsViewModel(sandbox.connections(), new KafkaGroupSource(sandbox.clients()),
                    sandbox.executor(), io.mirador.ui.control.Confirm::ask);
            page = new GroupsPage(model);
        });
        sandbox.startAll();
        Fx.show(page.view(), 1200, 760);
        onFx(page::shown);
        sandbox.awaitRunning();
        bootstrap = sandbox.bootstrap("local-a");
    }

    @AfterAll
    static void closePage() throws Exception {
        onFx(page::hidden);
    }

    @Test
    void resetsAnIdleGroupToTheEarliestThroughThePreviewedDialog() throws Exception {
        String topic = "gp-orders";
        String group = "gp-idle";
        int perPartition = 30;
        long committedAt = 10;
        long total = 2L * perPartition;
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        createTopic(topic, 2);
        produce(topic, 2, perPartition);
        // A consumer that commits and leaves: the group is empty, 2 x 10 consumed, 40 behind.
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.assign(List.of(p0, p1));
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(committedAt), p1, new OffsetAndMetadata(committedAt)));
        }

        await().atMost(UI).until(() -> groupRow(group) != null && groupRow(group).totalLag() == total - 2 * committedAt);
        selectGroup(group);
        await().atMost(UI).until(() -> partitionRows().size() == 2
                && partitionRows().stream().allMatch(p -> p.lag().orElse(-1) == perPartition - committedAt));
        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#group-reset").query().isDisabled()));
        assertThat(fx(() -> robot.lookup("#group-actions-hint").query().isVisible())).isFalse();

        robot.clickOn("#group-reset");
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#reset-preview-table").tryQuery().isPresent()));
        assertThat(fx(() -> robot.lookup("#reset-mode-earliest").queryAs(RadioButton.class).isSelected())).isTrue();
        assertThat(fx(() -> robot.lookup("#reset-apply").query().isDisabled())).isTrue();

        robot.clickOn("#reset-mode-latest");
        robot.clickOn("#reset-mode-earliest");
        robot.clickOn("#reset-preview");
        await().atMost(UI).until(() -> previewRows().size() == 2);
        assertThat(previewRows()).extracting(OffsetChange::partition).containsExactly(0, 1);
        assertThat(previewRows()).allSatisfy(row -> {
            assertThat(row.topic()).isEqualTo(topic);
            assertThat(row.current().orElseThrow()).isEqualTo(committedAt);
            assertThat(row.target()).isZero();
        });
        // What the table shows, not only what it holds: the "New offset" cells read 0.
        await().atMost(UI).until(() -> shownColumn("#reset-preview-table", "New offset").equals(List.of("0", "0")));
        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#reset-apply").query().isDisabled()));

        robot.clickOn("#reset-apply");
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#reset-offsets-dialog").tryQuery().isEmpty()));

        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(offsets).containsOnlyKeys(p0, p1);
            assertThat(offsets.values()).extracting(OffsetAndMetadata::offset).containsOnly(0L);
        }
        await().atMost(UI).until(() -> groupRow(group).totalLag() == total);
        await().atMost(UI).until(() -> partitionRows().stream().allMatch(p -> p.committed().orElse(-1) == 0
                && p.lag().orElse(-1) == perPartition));
        assertThat(fx(() -> robot.lookup("#group-action-message").queryAs(Label.class).getText()))
                .isEqualTo("Reset 2 partitions of group " + group + ".");
    }

    @Test
    void aGroupWithAnActiveMemberCannotBeResetOrDeletedAndSaysWhy() throws Exception {
        String topic = "gp-live";
        String group = "gp-live-group";
        createTopic(topic, 1);
        produce(topic, 1, 5);
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            await().atMost(UI).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });

            await().atMost(UI).until(() -> groupRow(group) != null && groupRow(group).members() == 1);
            selectGroup(group);
            await().atMost(UI).until(() -> memberRows().size() == 1);
            GroupMember member = memberRows().get(0);
            assertThat(member.clientId()).isNotEmpty();
            assertThat(member.host()).isNotEmpty();
            assertThat(member.assignment()).containsExactly(new TopicPartition(topic, 0));

            await().atMost(UI).until(() -> fx(() -> robot.lookup("#group-actions-hint").queryAs(Label.class).getText())
                    .startsWith("The group must have no active members"));
            assertThat(fx(() -> robot.lookup("#group-reset").query().isDisabled())).isTrue();
            assertThat(fx(() -> robot.lookup("#group-delete").query().isDisabled())).isTrue();
            assertThat(fx(() -> robot.lookup("#group-delete-offsets").query().isDisabled())).isTrue();
        }
    }

    private void selectGroup(String group) {
        // The row can be in the model a pulse before the table draws its cell.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> robot
                .lookup("#groups-table .table-cell")
                .match((TableCell<?, ?> cell) -> group.equals(cell.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup("#groups-table .table-cell")
                .match((TableCell<?, ?> cell) -> group.equals(cell.getText())).queryAs(TableCell.class));
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        TestTopics.create(bootstrap, new NewTopic(topic, partitions, (short) 1));
    }

    private static void produce(String topic, int partitions, int perPartition) {
        TestTopics.produce(bootstrap, partitions * perPartition,
                i -> new ProducerRecord<>(topic, i % partitions, "k" + i, "v" + i));
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-client");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    private static Admin admin() {
        return TestTopics.admin(bootstrap);
    }

    private GroupSummary groupRow(String group) throws Exception {
        return fx(() -> List.copyOf(this.<GroupSummary>table("#groups-table").getItems()).stream()
                .filter(g -> g.groupId().equals(group)).findFirst().orElse(null));
    }

    private List<PartitionLag> partitionRows() throws Exception {
        return fx(() -> List.copyOf(this.<PartitionLag>table("#group-partitions").getItems()));
    }

    private List<GroupMember> memberRows() throws Exception {
        return fx(() -> List.copyOf(this.<GroupMember>table("#group-members").getItems()));
    }

    private List<OffsetChange> previewRows() throws Exception {
        return fx(() -> List.copyOf(this.<OffsetChange>table("#reset-preview-table").getItems()));
    }

    /** Texts of the filled cells of one column, as rendered. */
    private List<String> shownColumn(String table, String column) throws Exception {
        return fx(() -> robot.lookup(table + " .table-cell").queryAllAs(TableCell.class).stream()
                .filter(cell -> !cell.isEmpty() && cell.getTableColumn() != null
                        && column.equals(cell.getTableColumn().getText()))
                .map(cell -> (String) cell.getText())
                .toList());
    }

    @SuppressWarnings("unchecked")
    private <S> TableView<S> table(String id) {
        Node node = robot.lookup(id).query();
        return (TableView<S>) node;
    }
}
