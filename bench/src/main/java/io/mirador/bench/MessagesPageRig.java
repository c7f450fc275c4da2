package io.mirador.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mirador.broker.Sandbox;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.page.messages.MessagesPage;
import io.mirador.ui.page.messages.MessagesViewModel;
import io.mirador.ui.page.messages.SeekForm;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.shell.Themes;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The real Messages page, wired as the app wires it (sandbox service, connections, shared cluster clients, the FX
 * task executor, the AtlantaFX theme), in a 1200×760 stage, driven from the benchmark's main thread by firing its
 * Read and Tail buttons as a click would. One page serves every measurement, as one user's page would. Timed
 * ends are seen on the FX thread (list listeners, the post-layout pulse) and handed back through futures;
 * only setup steps (cluster and topic choice) poll.
 */
final class MessagesPageRig implements AutoCloseable {

    static final String CLUSTER = "bench";
    private static final long TIMEOUT_S = 600;
    private static final Pattern RATE = Pattern.compile(" ([\\d,]+) records/s");

    /**
     * Read pressed until the rows are in the table, until the next pulse laid them out, and until the read was
     * over (the status says Done: the consumer is closed).
     */
    record ReadTimes(double rowsMs, double laidOutMs, double doneMs, int rows) {
    }

    /**
     * A search from Read to running false: wall time, the first match on screen, the final status line and the
     * last records/s it showed while running (computed from the scan's ScanProgress).
     */
    record SearchTimes(double wallMs, double firstRowMs, String status, double shownRate, int rows) {
    }

    private FxTaskExecutor executor;
    private SandboxService sandboxService;
    private Connections connections;
    private ClusterClients clients;
    private Stage stage;
    private Scene scene;
    private MessagesViewModel model;
    private MessagesPage page;
    private TableView<KafkaRecord> table;
    private Button readButton;
    private Button tailButton;

    /** Starts JavaFX (the caller set any Monocle properties before) and shows the page on {@link #CLUSTER}. */
    @SuppressWarnings("unchecked")
    static MessagesPageRig start(Sandbox sandbox) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        MessagesPageRig rig = new MessagesPageRig();
        fx(() -> {
            Themes.apply(false); // the app's theme: its CSS is part of every layout measured
            rig.executor = new FxTaskExecutor(new TaskMonitor());
            rig.sandboxService = new SandboxService(SandboxBackend.of(sandbox), rig.executor);
            rig.connections = new Connections(rig.sandboxService, ConnectionStore.inMemory(), rig.executor);
            rig.clients = new ClusterClients(rig.connections);
            rig.model = new MessagesViewModel(rig.connections, new KafkaRecordSource(rig.connections, rig.clients),
                    rig.executor, new TimeDisplay());
            rig.page = new MessagesPage(rig.model);
            Parent root = (Parent) rig.page.view();
            rig.scene = new Scene(root, 1200, 760);
            rig.stage = new Stage();
            rig.stage.setTitle("Mirador messages benchmark");
            rig.stage.setScene(rig.scene);
            rig.stage.show();
            root.applyCss(); // creates the skins, so the controls can be looked up
            rig.table = (TableView<KafkaRecord>) root.lookup("#messages-table");
            rig.readButton = (Button) root.lookup("#messages-read");
            rig.tailButton = (Button) root.lookup("#messages-tail");
            rig.page.shown(); // the sandbox's only cluster is selected, as the first one is in the app
            return null;
        });
        return rig;
    }

    /** The sandbox cluster's connection, for reads without the page. */
    ClusterConnection connection() {
        return connections.connection(CLUSTER);
    }

    /** Chooses the topic in the page and waits until its partitions are known (setup, polled). */
    void chooseTopic(String topic) throws Exception {
        await(() -> fx(() -> {
            if (!model.topics().contains(topic)) {
                model.refreshTopics();
                return false;
            }
            return true;
        }));
        fx(() -> {
            model.selectedTopicProperty().set(topic);
            return null;
        });
        await(() -> fx(() -> model.partitionCountProperty().get() > 0));
    }

    /** Sets the seek form, as typing into it would; {@code latestPerPartition} < 0 starts at the earliest. */
    void seek(long latestPerPartition, String filter) throws Exception {
        fx(() -> {
            SeekForm form = model.form();
            form.partitionsProperty().set("");
            if (latestPerPartition >= 0) {
                form.startProperty().set(SeekForm.Start.LATEST);
                form.latestCountProperty().set(Long.toString(latestPerPartition));
            } else {
                form.startProperty().set(SeekForm.Start.EARLIEST);
            }
            form.stopProperty().set(SeekForm.Stop.END);
            model.filterProperty().set(filter);
            return null;
        });
    }

    /**
     * Presses Read; the figure is when the table holds {@code expectedRows} and a pulse has laid them out. Also
     * waits until the read is over, so the next one starts from a quiet page.
     */
    ReadTimes read(int expectedRows) throws Exception {
        CompletableFuture<ReadTimes> done = new CompletableFuture<>();
        CompletableFuture<Double> over = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                long t0 = System.nanoTime();
                model.runningProperty().addListener(new ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was,
                                        Boolean now) {
                        if (!now) {
                            model.runningProperty().removeListener(this);
                            over.complete(ms(t0, System.nanoTime()));
                        }
                    }
                });
                InvalidationListener rowsIn = new InvalidationListener() {
                    @Override
                    public void invalidated(Observable items) {
                        if (table.getItems().size() >= expectedRows) {
                            table.getItems().removeListener(this);
                            long filled = System.nanoTime();
                            afterNextLayout(() -> done.complete(new ReadTimes(ms(t0, filled),
                                    ms(t0, System.nanoTime()), Double.NaN, table.getItems().size())));
                        }
                    }
                };
                table.getItems().addListener(rowsIn);
                readButton.fire();
                failIfNotRunning(done);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        ReadTimes times = done.get(TIMEOUT_S, TimeUnit.SECONDS);
        double doneMs = over.get(TIMEOUT_S, TimeUnit.SECONDS);
        int rows = fx(() -> table.getItems().size());
        return new ReadTimes(times.rowsMs(), times.laidOutMs(), doneMs, rows);
    }

    /** Presses Read for a search; done when it stops running (every partition read to its end). */
    SearchTimes search() throws Exception {
        CompletableFuture<SearchTimes> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                long t0 = System.nanoTime();
                long[] firstRow = {-1};
                double[] rate = {Double.NaN};
                ChangeListener<String> status = (obs, old, now) -> {
                    Matcher m = RATE.matcher(now);
                    if (m.find()) {
                        rate[0] = Double.parseDouble(m.group(1).replace(",", ""));
                    }
                };
                InvalidationListener rows = items -> {
                    if (firstRow[0] < 0 && !table.getItems().isEmpty()) {
                        firstRow[0] = System.nanoTime();
                    }
                };
                ChangeListener<Boolean> running = new ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was,
                                        Boolean now) {
                        if (!now) {
                            long end = System.nanoTime();
                            model.runningProperty().removeListener(this);
                            model.progressTextProperty().removeListener(status);
                            table.getItems().removeListener(rows);
                            // The final status ("Done · …") is set right after running turns false.
                            Platform.runLater(() -> done.complete(new SearchTimes(ms(t0, end), firstRow[0] < 0
                                    ? Double.NaN : ms(t0, firstRow[0]), model.progressTextProperty().get(), rate[0],
                                    table.getItems().size())));
                        }
                    }
                };
                model.progressTextProperty().addListener(status);
                table.getItems().addListener(rows);
                model.runningProperty().addListener(running);
                readButton.fire();
                failIfNotRunning(done);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Presses Tail with {@code counter} on the table's rows; returns once the consumer follows (status "Live"). */
    void startTail(ListChangeListener<KafkaRecord> counter) throws Exception {
        fx(() -> {
            model.filterProperty().set("");
            table.getItems().addListener(counter);
            tailButton.fire();
            if (!model.runningProperty().get()) {
                throw new IllegalStateException("the tail did not start: " + model.problemProperty().get());
            }
            return null;
        });
        await(() -> fx(() -> model.progressTextProperty().get().startsWith("Live")));
    }

    void stopTail(ListChangeListener<KafkaRecord> counter) throws Exception {
        fx(() -> {
            model.stop();
            table.getItems().removeListener(counter);
            return null;
        });
    }

    String status() throws Exception {
        return fx(() -> model.progressTextProperty().get());
    }

    private void failIfNotRunning(CompletableFuture<?> done) {
        if (!model.runningProperty().get()) {
            done.completeExceptionally(new IllegalStateException("Read did not start: " + model.problemProperty().get()
                    + " " + model.filterProblemProperty().get()));
        }
    }

    @Override
    public void close() throws Exception {
        fx(() -> {
            model.stop();
            page.hidden();
            stage.hide();
            return null;
        });
        clients.close();
        executor.close();
        Platform.exit();
    }

    /**
     * Runs {@code action} once, right after the layout pass of the next pulse. The listener is removed in a later
     * turn, not while the scene is going through its listeners.
     */
    private void afterNextLayout(Runnable action) {
        Runnable[] self = new Runnable[1];
        boolean[] fired = new boolean[1];
        self[0] = () -> {
            if (!fired[0]) {
                fired[0] = true;
                action.run();
                Platform.runLater(() -> scene.removePostLayoutPulseListener(self[0]));
            }
        };
        scene.addPostLayoutPulseListener(self[0]);
        Platform.requestNextPulse();
    }

    /** Setup only: asks every 100 ms for up to two minutes. */
    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page did not get ready in 2 minutes");
            }
            Thread.sleep(100);
        }
    }

    static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static double ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
