package io.mirador.ui.page.messages;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.FakeSandbox;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.util.TimeDisplay;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18: a live tail did not follow new rows. The Messages page in a headless stage with the app's executor
 * and a scripted tail (no broker): the test hands the tail batches as a topic would, and looks at which rows the
 * table shows.
 */
@Tag("integration")
class MessagesTailFollowTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final String TOPIC = "live";

    private static final ScriptedScans scans = new ScriptedScans();
    private static final LinkedBlockingQueue<List<KafkaRecord>> batches = new LinkedBlockingQueue<>();
    private static FxTaskExecutor executor;
    private static MessagesViewModel model;
    private static MessagesPage page;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void showPage() throws Exception {
        FxToolkit.registerPrimaryStage();
        scans.source.partitions.put("local-a", Map.of(TOPIC, 1));
        // The tail runs on a worker until stopped, delivering what the test queues.
        scans.script = scan -> {
            while (!scan.cancelled) {
                try {
                    List<KafkaRecord> batch = batches.poll(20, TimeUnit.MILLISECONDS);
                    if (batch != null) {
                        scan.deliver(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        executor = new FxTaskExecutor(new TaskMonitor());
        onFx(() -> {
            model = new MessagesViewModel(new FakeSandbox("local-a").runningConnections(executor), scans.source,
                    scans, executor, new TimeDisplay(ZoneOffset.UTC));
            page = new MessagesPage(model);
        });
        Fx.show(page.view(), 1200, 700);
        onFx(page::shown);
        await().atMost(UI).until(() -> fx(() -> model.topics().contains(TOPIC)));
        onFx(() -> model.selectedTopicProperty().set(TOPIC));
        await().atMost(UI).until(() -> fx(() -> model.partitionCountProperty().get()) == 1);
    }

    @AfterAll
    static void close() throws Exception {
        if (page != null) {
            onFx(() -> {
                model.stop();
                page.hidden();
            });
        }
        FxToolkit.cleanupStages();
        if (executor != null) {
            executor.close();
        }
    }

    @Test
    void aLiveTailFollowsNewRowsUntilTheUserScrollsUp() throws Exception {
        onFx(model::tail);
        await().atMost(UI).until(() -> fx(() -> model.liveProperty().get()));

        deliver(0, 100);
        awaitLastShown(99, "the newest row is in view");
        deliver(100, 50);
        awaitLastShown(149, "and stays in view as rows come");

        // The user picks a row and goes up to the first one.
        robot.clickOn(fx(() -> table().lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> row && row.getIndex() == 140).findFirst().orElseThrow()));
        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        int top = firstShown();
        assertThat(top).as("at the top").isZero();
        deliver(150, 50);
        assertThat(firstShown()).as("a user who scrolled up is not yanked to the end").isEqualTo(top);

        robot.type(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        awaitLastShown(199, "back at the end");
        deliver(200, 50);
        awaitLastShown(249, "follows again");
    }

    /** Queues records {@code from} to {@code from + count - 1}, waits until the table has them and drew them. */
    private void deliver(int from, int count) throws Exception {
        List<KafkaRecord> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(ScriptedScans.record(TOPIC, 0, i, 1_700_000_000_000L + i, "k" + i, "value " + i));
        }
        batches.add(batch);
        await().atMost(UI).until(() -> fx(() -> table().getItems().size()) == from + count);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            table().layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The table shows row {@code index} as its last, within a few frames (it scrolls after a layout). */
    private void awaitLastShown(int index, String what) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lastShown()).as(what).isEqualTo(index));
    }

    private int lastShown() throws Exception {
        return fx(() -> {
            IndexedCell<?> cell = flow().getLastVisibleCell();
            return cell == null ? -1 : cell.getIndex();
        });
    }

    private int firstShown() throws Exception {
        return fx(() -> {
            IndexedCell<?> cell = flow().getFirstVisibleCell();
            return cell == null ? -1 : cell.getIndex();
        });
    }

    @SuppressWarnings("unchecked")
    private TableView<KafkaRecord> table() {
        return (TableView<KafkaRecord>) robot.lookup("#messages-table").queryAs(TableView.class);
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) table().lookup(".virtual-flow");
    }
}
