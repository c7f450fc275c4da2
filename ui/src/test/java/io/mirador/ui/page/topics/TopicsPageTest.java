package io.mirador.ui.page.topics;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.PartitionDetail;
import io.mirador.ui.service.KafkaTopicSource;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.testing.PageFixture;
import io.mirador.ui.testing.TestTopics;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real Topics page in a headless stage, on a real one-broker sandbox cluster started once for the class.
 * Everything is done through the page's controls; the cluster is then checked with a plain Admin client.
 * Controls are read on the FX thread ({@link Fx#fx}); waits are Awaitility polls, never sleeps.
 */
@Tag("integration")
class TopicsPageTest {

    private static final Duration UI = Duration.ofSeconds(30);

    @RegisterExtension
    static final PageFixture sandbox = PageFixture.sandbox("local-a");

    private static TopicsViewModel model;
    private static TopicsPage page;
    private static Admin admin;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void showPageThenStartCluster() throws Exception {
        onFx(() -> {
            model = new TopicsViewModel(sandbox.connections(), new KafkaTopicSource(sandbox.clients()),
                    sandbox.executor());
            page = new TopicsPage(model);
        });
        Fx.show(page.view(), 1100, 760);
        onFx(page::shown);
        sandbox.startAll();
        await().atMost(PageFixture.STARTUP).until(() -> fx(() -> model.writableProperty().get()));
        admin = TestTopics.admin(sandbox.bootstrap("local-a"));
    }

    @AfterAll
    static void hidePage() throws Exception {
        if (page != null) {
            onFx(page::hidden);
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void createsATopicThroughTheDialogThenDeletesItByTypingItsName() throws Exception {
        String topic = "ui-created";

        robot.clickOn("#topics-create");
        await().atMost(UI).until(() -> present("#create-topic-name"));
        assertThat(fx(() -> robot.lookup("#create-topic-ok").query().isDisabled())).as("no name yet").isTrue();
        robot.clickOn("#create-topic-name").write(topic);
        robot.clickOn("#create-topic-partitions").write("3");
        robot.clickOn("#create-topic-replication").write("1");
        robot.clickOn("#create-topic-config-key-0").write("retention.ms");
        robot.clickOn("#create-topic-config-value-0").write("3600000");
        assertThat(fx(() -> robot.lookup("#create-topic-ok").query().isDisabled())).isFalse();
        robot.clickOn("#create-topic-ok");

        await().atMost(UI).until(() -> row(topic) != null);
        assertThat(row(topic).partitions()).isEqualTo(3);
        assertThat(row(topic).replicationFactor()).isEqualTo(1);
        assertThat(fx(() -> model.commands().noticeProperty().get())).isEqualTo("Created topic " + topic + ".");
        TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic);
        assertThat(described.partitions()).hasSize(3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");

        // Double-click opens the detail: partitions and the override just set.
        robot.doubleClickOn(cell(topic));
        await().atMost(UI).until(() -> fx(() -> List.copyOf(model.detail().partitions())).size() == 3);
        assertThat(fx(() -> model.detail().partitions().stream().map(PartitionDetail::leader).toList()))
                .containsOnly(0);
        assertThat(fx(() -> model.detail().configs().stream()
                .filter(c -> c.name().equals("retention.ms")).findFirst().map(ConfigValue::isOverride)))
                .contains(true);

        robot.clickOn(cell(topic));
        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#topics-delete").query().isDisabled()));
        robot.clickOn("#topics-delete");
        await().atMost(UI).until(() -> present("#delete-topic-confirmation"));
        robot.clickOn("#delete-topic-confirmation").write(topic.substring(0, topic.length() - 1));
        assertThat(fx(() -> robot.lookup("#delete-topic-ok").query().isDisabled())).as("name not complete").isTrue();
        robot.write(topic.substring(topic.length() - 1));
        assertThat(fx(() -> robot.lookup("#delete-topic-ok").query().isDisabled())).isFalse();
        robot.clickOn("#delete-topic-ok");

        await().atMost(UI).until(() -> row(topic) == null);
        assertThat(fx(() -> model.commands().noticeProperty().get())).isEqualTo("Deleted topic " + topic + ".");
        await().atMost(UI).until(() -> !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
        assertThat(fx(() -> model.detail().topicProperty().get())).as("the detail of a deleted topic closes").isNull();
    }

    @Test
    void purgeShowsTheOffsetsWithoutTheDetailAndEnterInAnOffsetDoesNotPurge() throws Exception {
        String topic = "purge-enter";
        TestTopics.create(sandbox.bootstrap("local-a"), new NewTopic(topic, 2, (short) 1));
        TestTopics.produce(sandbox.bootstrap("local-a"), 5, i -> new ProducerRecord<>(topic, 0, "k" + i, "v" + i));
        await().atMost(UI).until(() -> row(topic) != null);
        onFx(() -> model.detail().open(null));

        robot.clickOn(cell(topic));
        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#topics-purge").query().isDisabled()));
        robot.clickOn("#topics-purge");
        await().atMost(UI).until(() -> present("#purge-before-0"));
        Labeled some = fx(() -> robot.lookup("#purge-some").queryAs(Labeled.class));
        assertThat(fx(some::getHeight)).as("the per-partition choice is not cut")
                .isGreaterThanOrEqualTo(fx(() -> some.prefHeight(some.getWidth()) - 0.5));
        assertThat(fx(some::getWidth)).isGreaterThanOrEqualTo(fx(() -> Math.min(some.prefWidth(-1), 500.0)));
        robot.clickOn("#purge-some");
        robot.clickOn("#purge-before-0").write("3");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(present("#purge-topic")).as("Enter does not close the dialog").isTrue();
        assertThat(fx(() -> model.commands().noticeProperty().get())).doesNotStartWith("Purged");
        await().atMost(UI).alias("the offsets are read for the dialog").until(() -> fx(() -> purgeRows().stream()
                .filter(r -> r.partition() == 0).findFirst().map(PurgeForm.Row::latest).orElse(-1L)) == 5L);
        assertThat(fx(() -> robot.lookup("#purge-partitions .table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).filter("5"::equals).count())).as("Latest shows 5").isEqualTo(1);

        robot.clickOn("#purge-topic-cancel");
        await().atMost(UI).until(() -> !present("#purge-topic"));
        TopicPartition p0 = new TopicPartition(topic, 0);
        assertThat(admin.listOffsets(Map.of(p0, OffsetSpec.earliest())).partitionResult(p0).get(30, TimeUnit.SECONDS)
                .offset()).as("nothing was purged").isZero();
    }

    @SuppressWarnings("unchecked")
    private List<PurgeForm.Row> purgeRows() {
        return List.copyOf(robot.lookup("#purge-partitions").queryAs(TableView.class).getItems());
    }

    private boolean present(String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    @SuppressWarnings("unchecked")
    private TableView<TopicSummary> table() {
        return robot.lookup("#topics-table").queryAs(TableView.class);
    }

    private TopicSummary row(String topic) throws Exception {
        return fx(() -> table().getItems().stream().filter(t -> t.name().equals(topic)).findFirst().orElse(null));
    }

    private Node cell(String text) throws Exception {
        return fx(() -> robot.lookup("#topics-table .table-cell")
                .match((TableCell<?, ?> c) -> text.equals(c.getText())).query());
    }
}
