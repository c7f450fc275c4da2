package io.mirador.ui.page.brokers;

import static io.mirador.ui.control.Columns.boxed;
import static io.mirador.ui.control.Columns.column;
import static io.mirador.ui.control.Columns.formatted;

import java.util.List;
import java.util.Locale;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.control.TableCopy;
import io.mirador.ui.page.Page;
import io.mirador.ui.util.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Brokers of one cluster: one broker's configs (filter, edit, reset) and every broker's log dirs. */
public final class BrokersPage implements Page {

    private final BrokersViewModel model;
    private final BorderPane root = new BorderPane();
    private TableView<ConfigValue> configsTable;

    public BrokersPage(BrokersViewModel model) {
        this.model = model;
        build();
    }


    @Override
    public Node view() {
        return root;
    }

    @Override
    public void shown() {
        model.setActive(true);
    }

    @Override
    public void hidden() {
        model.setActive(false);
    }

    private void build() {
        root.setId("brokers-page");
        root.getStyleClass().add("brokers-page");
        root.getStylesheets().add(BrokersPage.class.getResource("brokers.css").toExternalForm());

        Label title = PageHeader.title("Brokers");
        ComboBox<String> cluster = PageHeader.clusterChooser("brokers", model.clusterNames(),
                model.selectedClusterProperty());

        ComboBox<Integer> broker = new ComboBox<>(model.brokerIds());
        broker.setId("brokers-broker");
        broker.setPromptText("Broker");
        broker.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer id) {
                return id == null ? "" : "Broker " + id;
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        broker.valueProperty().bindBidirectional(model.selectedBrokerProperty());

        HBox toolbar = PageHeader.toolbar("brokers-toolbar", 12, cluster, broker, PageHeader.spacer(Priority.ALWAYS),
                PageHeader.busy(model.loadingProperty().or(model.workingProperty())),
                PageHeader.refresh("brokers", model::refresh));

        Label problem = PageHeader.problem("brokers", model.problemProperty());
        Label notice = PageHeader.notice("brokers-notice", model.noticeProperty(), model.noticeIsErrorProperty());

        root.setTop(new VBox(12, title, toolbar, problem, notice));

        Tab configs = new Tab("Configs", configsTab());
        configs.setId("brokers-configs-tab");
        Tab logDirs = new Tab("Log dirs", logDirsTab());
        logDirs.setId("brokers-logdirs-tab");
        TabPane tabs = new TabPane(configs, logDirs);
        tabs.setId("brokers-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.setCenter(tabs);
    }

    private Node configsTab() {
        TextField filter = new TextField();
        filter.setId("broker-config-filter");
        filter.getStyleClass().add("page-search");
        filter.setPromptText("Filter by name or value");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setPrefWidth(300);

        CheckBox overrides = new CheckBox("Show overrides only");
        overrides.setId("broker-config-overrides");
        overrides.selectedProperty().bindBidirectional(model.overridesOnlyProperty());

        Label status = new Label();
        status.setId("broker-config-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.configStatusProperty());

        TableView<ConfigValue> table = configsTable();
        var selected = table.getSelectionModel().selectedItemProperty();

        Button edit = new Button("Edit…", new FontIcon(Feather.EDIT_2));
        edit.setId("broker-config-edit");
        edit.disableProperty().bind(cannot(() -> !model.canEdit(selected.get()), selected));
        edit.setOnAction(e -> edit(selected.get()));

        Button reset = new Button("Reset", new FontIcon(Feather.ROTATE_CCW));
        reset.setId("broker-config-reset");
        reset.setTooltip(new javafx.scene.control.Tooltip("Remove this broker's override"));
        reset.disableProperty().bind(cannot(() -> !model.canReset(selected.get()), selected));
        reset.setOnAction(e -> {
            ConfigValue config = selected.get();
            if (config != null) {
                model.resetConfig(config.name());
            }
        });

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, filter, overrides, status, spacer, edit, reset);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label doc = new Label();
        doc.setId("broker-config-doc");
        doc.setWrapText(true);
        doc.getStyleClass().add(Styles.TEXT_MUTED);
        doc.textProperty().bind(selected.map(c -> c.name() + ": "
                + (c.documentation() == null ? "no documentation" : Formats.plainText(c.documentation())))
                .orElse("Select a config to read what it does; double-click a dynamic one to edit it."));

        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, bar, table, doc);
        box.getStyleClass().add("brokers-tab-content");
        return box;
    }

    /** Disabled unless the rule allows it, re-evaluated on selection, writability and running writes. */
    private BooleanBinding cannot(java.util.concurrent.Callable<Boolean> rule, javafx.beans.Observable selection) {
        return Bindings.createBooleanBinding(rule, selection, model.writableProperty(), model.workingProperty());
    }

    private void edit(ConfigValue config) {
        Integer broker = model.selectedBrokerProperty().get();
        if (config == null || broker == null || !model.canEdit(config)) {
            return;
        }
        ConfigEditDialog.ask(root, broker, config).ifPresent(value -> model.alterConfig(config.name(), value));
    }

    private TableView<ConfigValue> configsTable() {
        TableView<ConfigValue> table = new TableView<>();
        configsTable = table;
        table.setId("broker-configs");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        SortedList<ConfigValue> sorted = new SortedList<>(model.visibleConfigs());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No configs"));

        TableColumn<ConfigValue, String> name = column("Name", ConfigValue::name);
        name.setPrefWidth(320);
        TableColumn<ConfigValue, String> value = column("Value", ConfigValue::value);
        value.setCellFactory(col -> formatted(v -> v));
        value.setPrefWidth(260);
        TableColumn<ConfigValue, String> source = column("Source", c -> BrokersViewModel.sourceName(c.source()));
        source.setPrefWidth(140);
        TableColumn<ConfigValue, String> dynamic = column("Changeable",
                c -> c.isReadOnly() ? "Restart needed" : "Dynamic");
        dynamic.setPrefWidth(130);
        table.getColumns().setAll(List.of(name, value, source, dynamic));
        table.getSortOrder().add(name);
        table.setRowFactory(t -> {
            TableRow<ConfigValue> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    edit(row.getItem());
                }
            });
            return row;
        });
        TableCopy.install(table);
        return table;
    }

    private Node logDirsTab() {
        LogDirsModel logDirs = model.logDirs();
        TableView<LogDirRow> dirs = new TableView<>(logDirs.dirs());
        dirs.setId("broker-logdirs");
        dirs.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        dirs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        dirs.setPlaceholder(new Label("No log directories"));
        TableColumn<LogDirRow, Integer> brokerId = column("Broker", LogDirRow::brokerId);
        TableColumn<LogDirRow, String> path = column("Directory", LogDirRow::path);
        path.setPrefWidth(320);
        TableColumn<LogDirRow, Long> used = column("Used by Kafka", LogDirRow::sizeBytes);
        TableColumn<LogDirRow, Long> free = column("Volume free", r -> boxed(r.usableBytes()));
        TableColumn<LogDirRow, Long> total = column("Volume size", r -> boxed(r.totalBytes()));
        for (TableColumn<LogDirRow, Long> bytes : List.of(used, free, total)) {
            bytes.setCellFactory(col -> formatted(Formats::bytes));
        }
        for (TableColumn<LogDirRow, ?> numeric : List.of(brokerId, used, free, total)) {
            Columns.numeric(numeric, 120);
        }
        TableColumn<LogDirRow, String> status = column("Status", LogDirRow::status);
        status.setPrefWidth(160);
        dirs.getColumns().setAll(List.of(brokerId, path, used, free, total, status));
        TableCopy.install(dirs);

        // The table's selection mirrors the model's; both stay on the same directory across polls.
        dirs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != logDirs.selectedProperty().get()) {
                logDirs.selectedProperty().set(now);
            }
        });
        Runnable follow = () -> {
            LogDirRow row = logDirs.selectedProperty().get();
            if (row == null) {
                dirs.getSelectionModel().clearSelection();
            } else if (dirs.getSelectionModel().getSelectedItem() != row) {
                dirs.getSelectionModel().clearSelection();
                dirs.getSelectionModel().select(row);
            }
        };
        logDirs.selectedProperty().addListener((obs, old, now) -> follow.run());
        logDirs.dirs().addListener((javafx.collections.ListChangeListener<LogDirRow>) c -> follow.run());

        TableView<TopicUsage> topics = new TableView<>(logDirs.topics());
        topics.setId("broker-logdir-topics");
        topics.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        topics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        topics.setPlaceholder(new Label("No topics in this directory"));
        TableColumn<TopicUsage, String> topic = column("Topic", TopicUsage::topic);
        topic.setPrefWidth(320);
        TableColumn<TopicUsage, Long> size = column("Size", TopicUsage::bytes);
        size.setCellFactory(col -> formatted(Formats::bytes));
        TableColumn<TopicUsage, Double> share = column("Share of directory", TopicUsage::share);
        share.setCellFactory(col -> formatted(s -> String.format(Locale.ROOT, "%.1f %%", s * 100)));
        for (TableColumn<TopicUsage, ?> numeric : List.of(size, share)) {
            Columns.numeric(numeric, 140);
        }
        topics.getColumns().setAll(List.of(topic, size, share));
        TableCopy.install(topics);

        Label topicsTitle = new Label();
        topicsTitle.getStyleClass().add(Styles.TITLE_4);
        topicsTitle.textProperty().bind(logDirs.selectedProperty()
                .map(r -> "Topics in " + r.path() + " of broker " + r.brokerId() + " · " + Formats.bytes(r.sizeBytes()))
                .orElse("Select a directory to see its topics by size"));
        VBox.setVgrow(topics, Priority.ALWAYS);
        VBox lower = new VBox(8, topicsTitle, topics);

        SplitPane split = new SplitPane(dirs, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        split.getStyleClass().add("brokers-tab-content");
        return split;
    }
}
