package io.mirador.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mirador.broker.Sandbox;
import io.mirador.ui.page.topics.TopicsPage;
import io.mirador.ui.page.topics.TopicsViewModel;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaTopicSource;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.shell.Themes;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The real Topics page, wired as the app wires it (sandbox service, connections, shared cluster clients, the
 * FX task executor), in a 1100×720 stage, driven from the benchmark's main thread. Every measurement starts and
 * ends on the FX thread: the end is the first pulse whose layout pass ran after the change, i.e. when the
 * change can be on screen. Main thread waits for results through futures, never by polling.
 */
final class TopicsPageRig implements AutoCloseable {

    static final String CLUSTER = "bench";
    private static final long TIMEOUT_S = 180;

    /**
     * Opening the page, from the start of the FX turn that builds and shows it: that turn's end, the end of the
     * first layout of the (still empty) page, the rows in, the rows laid out; and when the first layout ended
     * ({@link System#nanoTime()}), to tell the page's own stalls from the data's.
     */
    record LoadTimes(double turnMs, double firstLayoutMs, double filledMs, double laidOutMs, long firstLayoutNanos) {
    }

    /** One filter change: the rows updated, CSS and layout done in the same turn, the next pulse done. */
    record FilterTimes(double rowsMs, double sameTurnMs, double nextPulseMs, int rows) {
    }

    private FxTaskExecutor executor;
    private SandboxService sandboxService;
    private Connections connections;
    private ClusterClients clients;
    private KafkaTopicSource source;
    private Stage stage;
    private Scene scene;
    private TopicsViewModel model;
    private TopicsPage page;
    private TableView<?> table;
    private TextField filterField;

    /** Starts JavaFX (the caller set any Monocle properties before) and shows an empty stage. */
    static TopicsPageRig start(Sandbox sandbox) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // Pages are swapped in one stage; hiding it between runs must not end the toolkit.
        Platform.setImplicitExit(false);
        TopicsPageRig rig = new TopicsPageRig();
        fx(() -> {
            Themes.apply(false); // the app's AtlantaFX theme: its CSS is part of every layout measured
            rig.executor = new FxTaskExecutor(new TaskMonitor());
            rig.sandboxService = new SandboxService(SandboxBackend.of(sandbox), rig.executor);
            rig.connections = new Connections(rig.sandboxService, ConnectionStore.inMemory(), rig.executor);
            rig.clients = new ClusterClients(rig.connections);
            rig.source = new KafkaTopicSource(rig.clients);
            rig.scene = new Scene(new StackPane(), 1100, 720);
            rig.stage = new Stage();
            rig.stage.setTitle("Mirador console benchmark");
            rig.stage.setScene(rig.scene);
            rig.stage.show();
            if (!rig.connections.entry(CLUSTER).map(ConnectionEntry::available).orElse(false)) {
                throw new IllegalStateException("cluster " + CLUSTER + " is not available to the console");
            }
            return null;
        });
        return rig;
    }

    /**
     * Builds a new view-model and page, puts it in the stage and calls {@code shown()}, as navigating to the page
     * does; done once {@code expectedRows} rows are in the table and laid out. Times are from the start of that
     * FX turn. The shared cluster clients stay connected between runs, as they do in the app.
     */
    LoadTimes open(int expectedRows) throws Exception {
        CompletableFuture<LoadTimes> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                long t0 = System.nanoTime();
                model = new TopicsViewModel(connections, source, executor);
                page = new TopicsPage(model);
                Parent root = (Parent) page.view();
                scene.setRoot(root);
                // Creates the skins (the first pulse would), so the table inside the split pane can be found.
                root.applyCss();
                table = (TableView<?>) root.lookup("#topics-table");
                filterField = (TextField) root.lookup("#topics-filter");
                long[] turnEnd = new long[1];
                long[] firstLayout = new long[1];
                InvalidationListener rowsIn = new InvalidationListener() {
                    @Override
                    public void invalidated(javafx.beans.Observable items) {
                        if (table.getItems().size() >= expectedRows) {
                            table.getItems().removeListener(this);
                            long filled = System.nanoTime();
                            afterNextLayout(() -> done.complete(
                                    new LoadTimes(ms(t0, turnEnd[0]), ms(t0, firstLayout[0]), ms(t0, filled),
                                            ms(t0, System.nanoTime()), firstLayout[0])));
                        }
                    }
                };
                table.getItems().addListener(rowsIn);
                page.shown();
                turnEnd[0] = System.nanoTime();
                afterNextLayout(() -> firstLayout[0] = System.nanoTime());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Stops the page's polling, so the 5-second auto-refresh cannot land in a filter measurement. */
    void pause() throws Exception {
        fx(() -> {
            page.hidden();
            return null;
        });
    }

    /**
     * Types {@code text} into the filter box at once (one change, as one keystroke or a paste) with the regex
     * toggle set to {@code regex} beforehand, outside the measurement.
     */
    FilterTimes filter(String text, boolean regex) throws Exception {
        if (fx(() -> model.regexProperty().get()) != regex) {
            settle(() -> model.regexProperty().set(regex));
        }
        CompletableFuture<FilterTimes> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                long t0 = System.nanoTime();
                filterField.setText(text);
                long rowsIn = System.nanoTime();
                int rows = table.getItems().size();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                long laidOut = System.nanoTime();
                afterNextLayout(() -> done.complete(
                        new FilterTimes(ms(t0, rowsIn), ms(t0, laidOut), ms(t0, System.nanoTime()), rows)));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * Shows the filled page again, which reloads at once as the 5-second auto-refresh does; done when the
     * replaced rows are laid out. Milliseconds from {@code shown()}.
     */
    double refresh() throws Exception {
        CompletableFuture<Double> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            InvalidationListener replaced = new InvalidationListener() {
                @Override
                public void invalidated(javafx.beans.Observable topics) {
                    model.allTopics().removeListener(this);
                    afterNextLayout(() -> done.complete(ms(t0, System.nanoTime())));
                }
            };
            model.allTopics().addListener(replaced);
            page.shown();
        });
        return done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** One listing as the page's load runs it, on this (non-FX) thread: the cluster's share of opening the page. */
    double listingMs() {
        long t0 = System.nanoTime();
        int topics = source.listing(CLUSTER).topics().size();
        if (topics == 0) {
            throw new IllegalStateException("empty listing");
        }
        return ms(t0, System.nanoTime());
    }

    @Override
    public void close() throws Exception {
        fx(() -> {
            if (page != null) {
                page.hidden();
            }
            stage.hide();
            return null;
        });
        clients.close();
        executor.close();
        Platform.exit();
    }

    /** Runs {@code change} on the FX thread and waits until a pulse has laid it out. */
    private void settle(Runnable change) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            change.run();
            afterNextLayout(() -> done.complete(null));
        });
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
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

    private static <T> T fx(Callable<T> work) throws Exception {
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

    private static double ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e6;
    }
}
