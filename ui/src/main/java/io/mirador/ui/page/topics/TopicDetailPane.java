package io.mirador.ui.page.topics;

import java.util.List;
import java.util.Locale;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.PartitionDetail;
import io.mirador.ui.control.Columns;
import io.mirador.ui.util.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The open topic: its partitions, configs (editable when the cluster is writable) and the consumer groups that
 * read it, one tab each. Other features add tabs of their own through {@link #addTab(Tab)}. FX thread only.
 */
public final class TopicDetailPane {

    private static final PseudoClass OVERRIDE = PseudoClass.getPseudoClass("override");

    private final TopicsViewModel model;
    private final TopicDetailModel detail;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private TableView<ConfigValue> configsTable;

    public TopicDetailPane(TopicsViewModel model) {
        this.model = model;
        this.detail = model.detail();
        build();
    }

    public Node view() {
        return root;
    }

    /**
     * Adds a tab after the built-in ones. Tabs stay when another topic is opened, so an added tab should follow
     * {@code model().detail().topicProperty()}; like the built-in ones it is disabled while no topic is open.
     */
    public void addTab(Tab tab) {
        tab.setClosable(false);
        tabs.getTabs().add(tab);
    }

    /** The page's view-model, for added tabs: {@code model().detail().topicProperty()} is the open topic. */
    public TopicsViewModel model() {
        return model;
    }

    private void build() {
        root.setId("topic-detail");
        root.getStyleClass().add("topic-detail");

        Label title = new Label();
        title.setId("topic-detail-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(detail.titleProperty());
        title.setMinWidth(0);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(detail.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("topic-detail-close");
        close.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        close.setTooltip(new Tooltip("Close the topic"));
        close.visibleProperty().bind(detail.topicProperty().isNotNull());
        close.setOnAction(e -> detail.close());
        HBox header = new HBox(8, title, busy, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.setId("topic-detail-problem");
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(detail.problemProperty());
        problem.visibleProperty().bind(detail.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        tabs.setId("topic-detail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(tab("topic-tab-partitions", "Partitions", partitionsTable()),
                tab("topic-tab-configs", "Configs", configsTab()),
                tab("topic-tab-groups", "Consumer groups", groupsTable()));
        tabs.disableProperty().bind(detail.topicProperty().isNull());

        root.setTop(new VBox(6, header, problem));
        root.setCenter(tabs);
    }

    private static Tab tab(String id, String text, Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        return tab;
    }

    private TableView<PartitionDetail> partitionsTable() {
        TableView<PartitionDetail> table = Columns.table("topic-partitions", "No partitions");
        table.setItems(detail.partitions());
        TableColumn<PartitionDetail, Integer> partition = Columns.numeric("Partition", PartitionDetail::partition, 90);
        TableColumn<PartitionDetail, String> leader = Columns.column("Leader",
                p -> p.isOffline() ? "offline" : String.valueOf(p.leader()));
        leader.setPrefWidth(80);
        TableColumn<PartitionDetail, String> replicas = Columns.column("Replicas", p -> ids(p.replicas()));
        TableColumn<PartitionDetail, String> isr = Columns.column("In sync", p -> ids(p.isr()));
        TableColumn<PartitionDetail, Long> earliest = Columns.numeric("Earliest offset",
                p -> p.earliestOffset() < 0 ? null : p.earliestOffset(), 120);
        TableColumn<PartitionDetail, Long> latest = Columns.numeric("Latest offset",
                p -> p.latestOffset() < 0 ? null : p.latestOffset(), 120);
        TableColumn<PartitionDetail, Long> records = Columns.numeric("Records", PartitionDetail::records, 100);
        TableColumn<PartitionDetail, Long> size = Columns.numeric("Size", PartitionDetail::sizeBytes, 100);
        earliest.setCellFactory(col -> Columns.formatted(String::valueOf));
        latest.setCellFactory(col -> Columns.formatted(String::valueOf));
        records.setCellFactory(col -> Columns.formatted(Formats::count));
        size.setCellFactory(col -> Columns.formatted(Formats::bytes));
        table.getColumns().setAll(List.of(partition, leader, replicas, isr, earliest, latest, records, size));
        return table;
    }

    private Node configsTab() {
        TableView<ConfigValue> table = Columns.table("topic-configs", "No configs");
        configsTable = table;
        table.setItems(detail.configs());
        TableColumn<ConfigValue, String> name = Columns.column("Name", ConfigValue::name);
        name.setPrefWidth(240);
        TableColumn<ConfigValue, String> value = Columns.column("Value", c -> c.value() == null ? "" : c.value());
        value.setPrefWidth(180);
        TableColumn<ConfigValue, String> source = Columns.column("Source", TopicDetailPane::sourceText);
        source.setPrefWidth(150);
        TableColumn<ConfigValue, String> doc = Columns.column("Documentation",
                c -> c.documentation() == null ? "" : Formats.plainText(c.documentation()));
        doc.setPrefWidth(400);
        table.getColumns().setAll(List.of(name, value, source, doc));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ConfigValue item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(OVERRIDE, !empty && item != null && item.isOverride());
            }
        });

        BooleanBinding noWritableSelection = Bindings.createBooleanBinding(
                () -> !model.writableProperty().get() || selectedConfig() == null || selectedConfig().isReadOnly(),
                model.writableProperty(), table.getSelectionModel().selectedItemProperty());
        Button edit = new Button("Edit…", new FontIcon(Feather.EDIT_2));
        edit.setId("topic-config-edit");
        edit.disableProperty().bind(noWritableSelection);
        edit.setOnAction(e -> editSelected());
        Button reset = new Button("Reset to default", new FontIcon(Feather.ROTATE_CCW));
        reset.setId("topic-config-reset");
        reset.disableProperty().bind(noWritableSelection.or(Bindings.createBooleanBinding(
                () -> selectedConfig() == null || selectedConfig().source() != ConfigSource.DYNAMIC_TOPIC_CONFIG,
                table.getSelectionModel().selectedItemProperty())));
        reset.setOnAction(e -> {
            ConfigValue config = selectedConfig();
            String topic = detail.topicProperty().get();
            if (config != null && topic != null) {
                model.commands().resetConfig(topic, config.name());
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && !edit.isDisabled()) {
                editSelected();
            }
        });
        Label hint = new Label("Bold rows are set on the topic, broker or cluster; others use Kafka's default.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        HBox actions = new HBox(8, edit, reset, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, actions, table);
        box.getStyleClass().add("topic-configs-tab");
        return box;
    }

    private ConfigValue selectedConfig() {
        return configsTable.getSelectionModel().getSelectedItem();
    }

    private void editSelected() {
        ConfigValue config = selectedConfig();
        if (config == null) {
            return;
        }
        model.newConfigEditForm(config).ifPresent(form -> {
            ConfigEditDialog dialog = new ConfigEditDialog(root.getScene().getWindow(), form);
            dialog.showAndWait().filter(Boolean::booleanValue).ifPresent(ok -> model.commands().setConfig(form));
        });
    }

    private TableView<String> groupsTable() {
        TableView<String> table = Columns.table("topic-groups", "No consumer group has committed offsets on this topic");
        table.setItems(detail.groups());
        TableColumn<String, String> group = Columns.column("Group", g -> g);
        table.getColumns().setAll(List.of(group));
        return table;
    }

    private static String ids(List<Integer> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    /** Where a config's value comes from, in words: "default", "topic override", "broker", ... */
    static String sourceText(ConfigValue config) {
        if (config.source() == null) {
            return "unknown";
        }
        return switch (config.source()) {
            case DYNAMIC_TOPIC_CONFIG -> "topic override";
            case DYNAMIC_BROKER_CONFIG -> "broker override";
            case DYNAMIC_DEFAULT_BROKER_CONFIG -> "cluster-wide override";
            case STATIC_BROKER_CONFIG -> "server.properties";
            case DYNAMIC_BROKER_LOGGER_CONFIG -> "broker logger";
            case DYNAMIC_CLIENT_METRICS_CONFIG, DYNAMIC_GROUP_CONFIG -> config.source().name().toLowerCase(Locale.ROOT);
            case DEFAULT_CONFIG -> "default";
            default -> "unknown";
        };
    }
}
