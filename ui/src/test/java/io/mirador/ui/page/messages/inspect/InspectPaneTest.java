package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.page.messages.inspect.Records.bigText;
import static io.mirador.ui.page.messages.inspect.Records.binary;
import static io.mirador.ui.page.messages.inspect.Records.record;
import static io.mirador.ui.page.messages.inspect.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The record detail in a headless stage with a 20 MB value and binary keys: a watchdog posts to the FX thread every
 * 10 ms and records the longest wait, which must stay under 500 ms, and the text handed to the text areas stays
 * bounded by a page whatever the record.
 */
@Tag("integration")
class InspectPaneTest {

    private static final Duration UI = Duration.ofSeconds(60);
    private static final long MAX_STALL_MS = 500;

    private static FxTaskExecutor executor;
    private static SimpleObjectProperty<KafkaRecord> selected;
    private static RecordDetailPane pane;
    private final FxRobot robot = new FxRobot();
    private ScheduledExecutorService watchdog;
    private final AtomicLong maxStallNanos = new AtomicLong();
    private volatile String phase = "start";

    @BeforeAll
    static void showPane() throws Exception {
        FxToolkit.registerPrimaryStage();
        executor = new FxTaskExecutor(new TaskMonitor());
        fx(() -> {
            selected = new SimpleObjectProperty<>();
            pane = new RecordDetailPane(selected, new BasicValueRenderer(), executor, new TimeDisplay(ZoneOffset.UTC));
            return null;
        });
        Fx.show(pane.view(), 1100, 720);
        // Warm the skins up with a small record: the watchdog measures large records, not first-time CSS.
        fx(() -> {
            selected.set(record(utf8("warm"), utf8("{\"up\":true}")));
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> !pane.model().value().loadingProperty().get()));
        FxRobot robot = new FxRobot();
        for (String tab : new String[] {"#record-key-tab", "#record-headers-tab", "#record-metadata-tab", "#record-value-tab"}) {
            robot.clickOn(tab);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void close() throws Exception {
        if (executor != null) {
            executor.close();
        }
        FxToolkit.cleanupStages();
    }

    @AfterEach
    void stopWatchdog() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    @Test
    void aTwentyMegabyteValueAndBinaryKeysKeepTheFxThreadResponsive() throws Exception {
        startWatchdog();
        phase = "20 MB text";
        byte[] big = bigText(20 << 20);
        fx(() -> {
            selected.set(record(utf8("user-1"), big));
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> !valueModel().loadingProperty().get() && valueModel().truncatedProperty().get()));
        assertThat(fx(() -> robot.lookup("#record-value-load-all").query().isVisible())).isTrue();
        assertBounded("#record-value-text");
        assertThat(fx(() -> robot.lookup("#record-value-note").queryLabeled().getText()))
                .isEqualTo("Showing the first 1,048,576 characters of 20.0 MB");

        phase = "load all";
        robot.clickOn("#record-value-load-all");
        await().atMost(UI).until(() -> fx(() -> !valueModel().loadingProperty().get() && !valueModel().truncatedProperty().get()));
        assertThat(fx(() -> valueModel().text().length())).isEqualTo(20 << 20);
        assertBounded("#record-value-text");
        phase = "next page";
        robot.clickOn("#record-value-next");
        await().atMost(UI).until(() -> fx(() -> valueModel().pageProperty().get() == 1));
        assertBounded("#record-value-text");

        phase = "hex";
        fx(() -> {
            valueModel().formatProperty().set("Hex");
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> !valueModel().loadingProperty().get() && "Hex".equals(valueModel().usedFormatProperty().get())));
        assertBounded("#record-value-text");

        phase = "binary";
        // A binary key (and a binary 20 MB value): Auto shows hex, bounded.
        KafkaRecord binaryRecord = record(binary(64), binary(20 << 20));
        fx(() -> {
            selected.set(binaryRecord);
            return null;
        });
        robot.clickOn("#record-key-tab");
        await().atMost(UI).until(() -> fx(() -> !pane.model().key().loadingProperty().get()
                && "Hex".equals(pane.model().key().usedFormatProperty().get())
                && !pane.model().value().loadingProperty().get()));
        assertThat(fx(() -> robot.lookup("#record-key-text").queryAs(TextArea.class).getText()))
                .startsWith("00000000  00 0a 11 18").hasLineCount(4);
        assertBounded("#record-key-text");
        assertBounded("#record-value-text");

        phase = "json";
        // JSON shows as a folding tree.
        robot.clickOn("#record-value-tab");
        fx(() -> {
            valueModel().formatProperty().set("Auto");
            selected.set(record(null, utf8("{\"a\":{\"b\":[1,2,3]},\"s\":\"x\",\"n\":null}")));
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> valueModel().jsonProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#record-value-tree").queryAs(TreeView.class).isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#record-value-tree .json-number").tryQuery().isPresent()
                || robot.lookup("#record-value-tree .json-summary").tryQuery().isPresent())).isTrue();
        assertThat(fx(() -> robot.lookup("#record-value-tree .json-null").tryQuery().isPresent())).isTrue();

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(TimeUnit.NANOSECONDS.toMillis(maxStallNanos.get())).as("longest FX thread stall, ms")
                .isLessThan(MAX_STALL_MS);
    }

    private void assertBounded(String query) throws Exception {
        int length = fx(() -> robot.lookup(query).queryAs(TextArea.class).getText().length());
        assertThat(length).as(query + " text length").isGreaterThan(0).isLessThanOrEqualTo(ValueViewModel.PAGE_CHARS);
    }

    private static ValueViewModel valueModel() {
        return pane.model().value();
    }

    private void startWatchdog() {
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fx-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                long stall = System.nanoTime() - posted;
                maxStallNanos.accumulateAndGet(stall, Math::max);
                if (stall > 100_000_000L) {
                    System.out.println("STALL " + stall / 1_000_000 + " ms during " + phase);
                }
            });
        }, 0, 10, TimeUnit.MILLISECONDS);
    }

    /** Reads on the FX thread, with more time than usual: the FX thread has large texts to lay out. */
    private static <T> T fx(Callable<T> read) throws Exception {
        return Fx.fx(read, Duration.ofSeconds(30));
    }
}
