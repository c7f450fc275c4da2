package io.mirador.ui.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FX executor with a plain single thread standing in for the FX application thread. */
class FxTaskExecutorTest {

    private final ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-ui"));
    private final TaskMonitor monitor = new TaskMonitor();
    private final FxTaskExecutor executor = new FxTaskExecutor(monitor, uiThread);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        executor.close();
        uiThread.shutdownNow();
    }

    @Test
    void workRunsOffTheUiThreadAndCallbacksOnIt() {
        executor.submit("work", () -> Thread.currentThread().getName(),
                worker -> events.add(worker + " -> " + Thread.currentThread().getName()),
                failure -> events.add("failed"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events).singleElement().asString().matches("mirador-task-\\d+ -> fake-ui");
        await().atMost(Duration.ofSeconds(5)).until(() -> onUi(() -> monitor.running().isEmpty()));
    }

    @Test
    void failuresReachTheCallbackAndTheMonitor() throws Exception {
        executor.submit("Loading topics", () -> {
            throw new IllegalStateException("broker gone\nstack detail");
        }, ok -> events.add("ok"), failure -> events.add(failure.getMessage()));

        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events).containsExactly("broker gone\nstack detail");
        assertThat(onUi(() -> monitor.lastErrorProperty().get())).isEqualTo("Loading topics failed: broker gone");
    }

    @Test
    void cancelInterruptsTheWorkAndSuppressesCallbacks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        BackgroundTask task = executor.submit("slow", () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "never";
        }, ok -> events.add("ok"), failure -> events.add("failed"));

        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        task.cancel();

        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> onUi(() -> monitor.running().isEmpty()));
        assertThat(events).isEmpty();
        assertThat(task.isDone()).isTrue();
    }

    @Test
    void progressIsCoalescedButTheLastValueWins() {
        CountDownLatch release = new CountDownLatch(1);
        // Block the UI thread so every update queues up behind it.
        uiThread.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicInteger reported = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        TaskInfo[] info = new TaskInfo[1];
        monitor.running().addListener((javafx.collections.ListChangeListener<TaskInfo>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(t -> {
                    info[0] = t;
                    t.messageProperty().addListener((obs, old, now) -> applied.incrementAndGet());
                });
            }
        });
        executor.submit("counting", progress -> {
            for (int i = 1; i <= 1000; i++) {
                progress.update(i / 1000.0, i + " done");
                reported.incrementAndGet();
            }
            return null;
        }, ok -> events.add("ok"), failure -> events.add("failed"));

        await().atMost(Duration.ofSeconds(5)).until(() -> reported.get() == 1000);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("ok"));
        assertThat(applied.get()).as("1000 updates while the UI was busy reach it once").isEqualTo(1);
        assertThat(info[0].messageProperty().get()).isEqualTo("1000 done");
        assertThat(info[0].progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void periodicActionsRunOnTheUiThreadUntilCancelled() throws Exception {
        BackgroundTask every = executor.every(Duration.ofMillis(20), () -> events.add(Thread.currentThread().getName()));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 3);
        every.cancel();
        int after = onUi(events::size);
        assertThat(events).containsOnly("fake-ui");
        // Five periods pass without a single tick.
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> events.size() == after);
    }

    private <T> T onUi(java.util.concurrent.Callable<T> read) throws Exception {
        return uiThread.submit(read).get(5, TimeUnit.SECONDS);
    }
}
