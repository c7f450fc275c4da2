package io.mirador.ui;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Supplier;

import io.mirador.cluster.connect.ConnectionTester;
import io.mirador.ui.control.Confirm;
import io.mirador.ui.control.HistoryChart;
import io.mirador.ui.control.HistoryCharts;
import io.mirador.ui.page.Page;
import io.mirador.ui.page.messages.MessagesPage;
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

    static void configure(GuiOptions options) {
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
        return new MessagesPage(model);
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

    /** Hides the window at once; JavaFX exits once the sandbox has stopped. FX thread. */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        stage.hide();
        context.sandbox().shutdown(Platform::exit);
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
