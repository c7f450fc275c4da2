package io.mirador.ui;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Supplier;

import io.mirador.cluster.connect.ConnectionTester;
import io.mirador.ui.control.Confirm;
import io.mirador.ui.control.HistoryChart;
import io.mirador.ui.control.HistoryCharts;
import io.mirador.ui.page.Page;
import io.mirador.ui.page.mirroring.MirroringPage;
import io.mirador.ui.page.mirroring.MirroringPageModel;
import io.mirador.ui.page.mirroring.RoutesViewModel;
import io.mirador.ui.page.mirroring.detail.RouteDetailModel;
import io.mirador.ui.page.messages.MessagesPage;
import io.mirador.ui.page.messages.inspect.DecoderRenderer;
import io.mirador.ui.page.messages.inspect.InspectActions;
import io.mirador.ui.page.messages.inspect.RecordDetailPane;
import io.mirador.ui.page.messages.MessagesViewModel;
import io.mirador.ui.service.history.ClusterSampler;
import javafx.scene.control.Tab;
import io.mirador.ui.page.brokers.BrokersPage;
import io.mirador.ui.page.brokers.BrokersViewModel;
import io.mirador.ui.page.security.SecurityPage;
import io.mirador.ui.page.security.SecurityViewModel;
import io.mirador.ui.service.KafkaBrokerSource;
import io.mirador.ui.service.KafkaSecuritySource;
import io.mirador.ui.page.clusters.ClustersPage;
import io.mirador.ui.page.clusters.ClustersViewModel;
import io.mirador.ui.page.groups.GroupsPage;
import io.mirador.ui.page.groups.GroupsViewModel;
import io.mirador.ui.page.overview.OverviewPage;
import io.mirador.ui.page.overview.OverviewViewModel;
import io.mirador.ui.page.topics.TopicsPage;
import io.mirador.ui.page.topics.TopicsViewModel;
import io.mirador.ui.shell.MainView;
import io.mirador.ui.shell.ShellViewModel;
import io.mirador.ui.shell.ShellViewModel.PageId;
import io.mirador.ui.shell.Themes;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import io.mirador.ui.service.mirroring.MirroringHandover;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The JavaFX application. The window comes first; the sandbox starts in the background once it is shown.
 * Closing the window hides it, stops the sandbox off the FX thread, then exits JavaFX.
 */
public final class MiradorApplication extends Application {

    /** Options for the next launch; {@link Application#launch} creates the instance, so they travel statically. */
    private static volatile GuiOptions nextOptions;

    private AppContext context;
    private ShellViewModel shell;
    private MainView view;
    private Stage stage;
    private boolean closing;
    private boolean checkingRoutes;

    public static void configure(GuiOptions options) {
        nextOptions = options;
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        GuiOptions options = nextOptions != null ? nextOptions : GuiOptions.defaults();
        // The window closing is not the end: the sandbox still has to stop before JavaFX exits.
        Platform.setImplicitExit(false);
        Themes.apply(false);

        context = new AppContext(options);
        shell = new ShellViewModel();
        shell.darkProperty().addListener((obs, old, dark) -> Themes.apply(dark));
        Map<PageId, Supplier<Page>> pages = Map.of(
                PageId.CLUSTERS, () -> new ClustersPage(new ClustersViewModel(context.sandbox(), context.connections(),
                        context.executor(), ConnectionTester::test, Confirm::ask)),
                PageId.OVERVIEW, () -> new OverviewPage(overview()),
                PageId.TOPICS, this::topicsPage,
                PageId.GROUPS, this::groupsPage,
                PageId.MESSAGES, this::messagesPage,
                PageId.MIRRORING, this::mirroringPage,
                PageId.BROKERS, () -> new BrokersPage(new BrokersViewModel(context.connections(),
                        new KafkaBrokerSource(context.clients()), context.executor(), Confirm::ask)),
                PageId.SECURITY, () -> new SecurityPage(new SecurityViewModel(context.connections(),
                        new KafkaSecuritySource(context.clients()), context.executor(), Confirm::ask)));
        view = new MainView(shell, pages, context.monitor(), context.time());
        context.whenStateOpen(shell.bannerProperty()::set);

        stage.setTitle("Mirador");
        for (int size : new int[] {32, 64, 256}) {
            stage.getIcons().add(new javafx.scene.image.Image(
                    MiradorApplication.class.getResourceAsStream("icons/mirador-" + size + ".png")));
        }
        stage.setScene(new Scene(view, 1100, 720));
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        stage.setOnCloseRequest(event -> {
            event.consume();
            close();
        });
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> onShown());
        stage.show();
    }

    private void onShown() {
        if (Boolean.getBoolean("mirador.reportStartup")) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("window-visible-ms=" + ms);
            System.out.flush();
        }
        // Benchmark mode: the sandbox is never started, so the run measures the window alone and ends quickly.
        if (Boolean.getBoolean("mirador.exitAfterShown")) {
            // Not from inside the shown event: hiding a stage while show() is still on the stack fails.
            Platform.runLater(this::close);
            return;
        }
        context.connections().load(failure -> { });
        context.sandbox().startAll();
        context.sampler().start();
        // Routes saved in an earlier run resume now, not when the Mirroring page is first opened.
        context.executor().submit("Starting the mirroring engine", () -> context.mirroring().statuses(),
                statuses -> { }, failure -> { });
        view.prebuildPages();
    }

    private OverviewViewModel overview() {
        OverviewViewModel model = new OverviewViewModel(context.connections(), context.overview(), context.history(),
                context.executor());
        model.utcProperty().bindBidirectional(context.time().utcProperty());
        return model;
    }

    /** The Topics page with an In-rate tab in its topic detail. */
    private Page topicsPage() {
        TopicsViewModel model = new TopicsViewModel(context.connections(), context.topics(), context.executor());
        TopicsPage page = new TopicsPage(model);
        Tab tab = new Tab("In-rate");
        tab.setId("topic-in-rate-tab");
        tab.setContent(HistoryCharts.following(context.history(), context.executor(), context.time().zoneProperty(),
                ClusterSampler.TOPIC_IN_RATE, "Records in per second", MiradorApplication::rate,
                model.selectedClusterProperty(), model.selectedTopicProperty(), tab.selectedProperty()));
        page.detailPane().addTab(tab);
        return page;
    }

    /** The message browser: seek, search, live tail; the record detail beside the table. */
    private Page messagesPage() {
        MessagesViewModel model = new MessagesViewModel(context.connections(), context.records(), context.executor(),
                context.time());
        // The renderer runs on workers: it reads the registry URL from this field, never from the FX properties.
        java.util.concurrent.atomic.AtomicReference<String> registry = new java.util.concurrent.atomic.AtomicReference<>("");
        Runnable follow = () -> {
            String cluster = model.selectedClusterProperty().get();
            registry.set(cluster == null ? "" : context.connections().entry(cluster)
                    .map(e -> e.connection() == null ? "" : e.connection().schemaRegistryUrl()).orElse(""));
        };
        model.selectedClusterProperty().addListener((obs, old, cluster) -> follow.run());
        context.connections().entries().addListener((javafx.collections.ListChangeListener<Object>) c -> follow.run());
        follow.run();
        DecoderRenderer renderer = new DecoderRenderer(registry::get);
        MessagesPage page = new MessagesPage(model, vm -> new RecordDetailPane(vm.selectedRecordProperty(), renderer,
                context.executor(), context.time()).view());
        InspectActions actions = new InspectActions(page.view(), context.connections().entries(), context.records(),
                context.executor(), context.time(), model.selectedClusterProperty(), model.selectedTopicProperty());
        page.addToolbarAction(actions.produceButton());
        page.addToolbarAction(actions.resendButton(model.selectedRecordProperty()));
        page.addToolbarAction(actions.exportSelectionButton(() -> java.util.List.copyOf(model.records())));
        page.addToolbarAction(actions.exportRangeButton(() -> {
            try {
                return model.form().toSpec(model.selectedTopicProperty().get(), model.partitionCountProperty().get(),
                        context.time().zone());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }));
        page.addToolbarAction(actions.importButton());
        return page;
    }

    /** Routes of the local engine or of an attached replicator, their detail, and the first-run shortcut. */
    private Page mirroringPage() {
        MirroringPageModel model = new MirroringPageModel(context.mirroring(), context::remoteMirroring,
                context.connections(), context.executor());
        return new MirroringPage(model,
                service -> new RoutesViewModel(service, context.connections(), this::topicNames, context.executor(),
                        Confirm::ask),
                service -> new RouteDetailModel(service, context.executor(), context.time()));
    }

    /** Topic names of a cluster, for the route editor; blocking, internal topics left out. */
    private java.util.List<String> topicNames(String cluster) {
        return context.records().topics(cluster).stream().filter(t -> !t.startsWith("__")).toList();
    }

    /** The Consumer groups page with the selected group's lag over time under its detail. */
    private Page groupsPage() {
        GroupsViewModel model = new GroupsViewModel(context.connections(), context.groups(), context.executor(),
                Confirm::ask);
        GroupsPage page = new GroupsPage(model);
        HistoryChart chart = HistoryCharts.following(context.history(), context.executor(),
                context.time().zoneProperty(), ClusterSampler.GROUP_LAG, "Lag (records)", MiradorApplication::rate,
                model.selectedClusterProperty(), model.selectedGroupProperty(), page.view().sceneProperty().isNotNull()
                        .and(model.selectedGroupProperty().isNotNull()));
        chart.setId("group-lag-chart");
        chart.visibleProperty().bind(model.selectedGroupProperty().isNotNull());
        page.addBelow(chart);
        return page;
    }

    private static String rate(double value) {
        return value >= 10_000 ? String.format(java.util.Locale.ROOT, "%,.0f", value)
                : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /**
     * Closing the window: when routes copy in this process, asks whether to stop them (checkpoints are written;
     * they resume on the next start) or to keep them running in a headless replicator; then hides the window and
     * stops everything off the FX thread. JavaFX exits once the sandbox has stopped. FX thread.
     */
    public void close() {
        if (closing || checkingRoutes) {
            return;
        }
        if (Boolean.getBoolean("mirador.exitAfterShown")) {
            shutDown(false);
            return;
        }
        checkingRoutes = true;
        context.executor().submit("Checking mirroring routes", () -> MirroringHandover.runningRoutes(context.mirroring()),
                running -> {
                    checkingRoutes = false;
                    decideClose(running);
                }, failure -> {
                    checkingRoutes = false;
                    shutDown(false);
                });
    }

    private void decideClose(java.util.List<String> running) {
        if (running.isEmpty()) {
            shutDown(false);
            return;
        }
        ButtonType stop = new ButtonType("Stop mirroring", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep mirroring in the background", ButtonBar.ButtonData.OTHER);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle("Mirador");
        ask.setHeaderText(running.size() + (running.size() == 1 ? " route is" : " routes are") + " copying: "
                + String.join(", ", running));
        ask.setContentText("Stop mirroring: every checkpoint is written and the routes resume when Mirador starts again."
                + (context.canHandOverMirroring() ? "\nKeep mirroring: a headless replicator takes over the same state"
                + " and carries on (routes between sandbox clusters pause, since the sandbox stops with the window)." : ""));
        ask.getButtonTypes().setAll(context.canHandOverMirroring()
                ? java.util.List.of(stop, keep, ButtonType.CANCEL) : java.util.List.of(stop, ButtonType.CANCEL));
        ask.showAndWait().ifPresent(choice -> {
            if (choice == stop) {
                shutDown(false);
            } else if (choice == keep) {
                shutDown(true);
            }
        });
    }

    private void shutDown(boolean handOver) {
        closing = true;
        java.util.Set<String> sandboxClusters = new java.util.HashSet<>();
        context.sandbox().clusters().forEach(c -> sandboxClusters.add(c.name()));
        stage.hide();
        context.executor().submit("Stopping", () -> {
            if (handOver) {
                MirroringHandover.Result result = context.handOverMirroring(sandboxClusters);
                System.out.println("Mirroring continues in a headless replicator at " + result.url() + " (log "
                        + result.log() + ")" + (result.pausedRoutes().isEmpty() ? ""
                        : "; paused because they use the sandbox: " + String.join(", ", result.pausedRoutes())));
            }
            context.sandbox().shutdownNow();
            return null;
        }, ignored -> Platform.exit(), failure -> {
            System.err.println("mirador: " + io.mirador.ui.task.Messages.oneLine(failure));
            Platform.exit();
        });
    }

    /** Called by JavaFX on exit. The sandbox is normally stopped already; if not, this blocks until it is. */
    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }

    public AppContext context() {
        return context;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public MainView view() {
        return view;
    }
}
