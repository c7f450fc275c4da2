package io.mirador.ui.page.messages;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.page.Page;
import io.mirador.ui.util.Formats;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Messages page: seek controls on top, then the filter and the read commands (Read, Tail, Pause, Stop,
 * Find by key, and actions other features add with {@link #addToolbarAction}), progress, the results table with
 * the record detail to its right (from the {@code detailFactory}), and paging at the bottom. FX thread only.
 */
public final class MessagesPage implements Page {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final MessagesViewModel model;
    private final Function<MessagesViewModel, Node> detailFactory;
    private final BorderPane root = new BorderPane();
    private final HBox actions = new HBox(8);
    private TextField filter;

    /** With a placeholder where the record detail goes. */
    public MessagesPage(MessagesViewModel model) {
        this(model, MessagesPage::placeholderDetail);
    }

    /** @param detailFactory builds the node shown right of the table, e.g. the record detail pane; called once */
    public MessagesPage(MessagesViewModel model, Function<MessagesViewModel, Node> detailFactory) {
        this.model = Objects.requireNonNull(model, "model");
        this.detailFactory = Objects.requireNonNull(detailFactory, "detailFactory");
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

    /** Adds a control (e.g. Produce, Export, Import) to the right end of the command bar. */
    public void addToolbarAction(Node node) {
        actions.getChildren().add(Objects.requireNonNull(node, "node"));
    }

    public MessagesViewModel model() {
        return model;
    }

    private void build() {
        root.setId("messages-page");
        root.getStyleClass().add("messages-page");
        root.getStylesheets().add(MessagesPage.class.getResource("messages.css").toExternalForm());

        Label title = PageHeader.title("Messages");

        Label problem = new Label();
        problem.setId("messages-problem");
        problem.getStyleClass().addAll(Styles.WARNING, "one-line");
        problem.textProperty().bind(model.problemProperty());
        PageHeader.showWhenText(problem);

        root.setTop(new VBox(8, title, new SeekBar(model).view(), commandBar(), keyBar(), filterProblem(),
                progressBar(), problem));

        Node detail = detailFactory.apply(model);
        SplitPane split = new SplitPane(new MessagesTable(model).view(), detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);
        SplitPane.setResizableWithParent(detail, false);
        // The detail keeps its width as the window grows, but never less than its toolbar of copy buttons needs.
        if (detail instanceof javafx.scene.layout.Region region) {
            region.setMinWidth(400);
        }
        split.setId("messages-split");
        root.setCenter(split);
        root.setBottom(pagingBar());
    }

    private HBox commandBar() {
        filter = new TextField();
        filter.setId("messages-filter");
        filter.getStyleClass().add("page-search");
        filter.setPromptText("Filter, e.g. value.status == \"FAILED\" and key startsWith \"user-\" — empty for all");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setOnAction(e -> read(model::read));
        model.filterProblemProperty().addListener((obs, old, now) -> filter.pseudoClassStateChanged(ERROR,
                !now.isEmpty()));
        HBox.setHgrow(filter, Priority.ALWAYS);

        Button read = button("messages-read", "Read", Feather.PLAY, "Read the chosen range through the filter (F5)");
        read.getStyleClass().addAll("page-refresh", Styles.ACCENT);
        read.setOnAction(e -> read(model::read));
        Button tail = button("messages-tail", "Tail", Feather.ACTIVITY, "Follow new records as they arrive");
        tail.setOnAction(e -> read(model::tail));
        Button pause = button("messages-pause", "Pause", Feather.PAUSE,
                "Pause the table; records keep arriving in a bounded buffer");
        pause.textProperty().bind(model.pausedProperty().map(p -> p ? "Resume" : "Pause"));
        pause.graphicProperty().bind(model.pausedProperty().map(p -> new FontIcon(p ? Feather.PLAY : Feather.PAUSE)));
        pause.disableProperty().bind(model.liveProperty().not());
        pause.setOnAction(e -> {
            if (model.pausedProperty().get()) {
                model.resume();
            } else {
                model.pause();
            }
        });
        Button stop = button("messages-stop", "Stop", Feather.SQUARE, "Stop reading; what was found stays");
        stop.disableProperty().bind(model.runningProperty().not());
        stop.setOnAction(e -> model.stop());
        return row(filter, read, tail, pause, stop);
    }

    private HBox keyBar() {
        TextField key = new TextField();
        key.setId("messages-key");
        key.setPromptText("Key (UTF-8)");
        key.setPrefWidth(220);
        key.textProperty().bindBidirectional(model.keyProperty());
        key.setOnAction(e -> read(model::findByKey));
        Button find = button("messages-find-key", "Find by key", Feather.KEY,
                "Read only the key's partition (default partitioner) for records with exactly this key");
        find.setOnAction(e -> read(model::findByKey));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        actions.setId("messages-actions");
        actions.setAlignment(Pos.CENTER_RIGHT);
        return row(key, find, spacer, actions);
    }

    /** The filter's error in one line, and the filter with the offending character highlighted. */
    private HBox filterProblem() {
        Label message = new Label();
        message.setId("messages-filter-problem");
        message.getStyleClass().addAll(Styles.DANGER, "one-line");
        message.textProperty().bind(model.filterProblemProperty());
        Text before = new Text();
        Text at = new Text();
        at.getStyleClass().add("filter-error-at");
        Text after = new Text();
        TextFlow where = new TextFlow(before, at, after);
        where.setId("messages-filter-position");
        where.getStyleClass().add("filter-error-text");
        Runnable render = () -> {
            String text = model.filterProperty().get() == null ? "" : model.filterProperty().get();
            int position = Math.min(model.filterErrorPositionProperty().get(), text.length());
            if (position < 0) {
                before.setText("");
                at.setText("");
                after.setText("");
                return;
            }
            // A window around the error keeps the line short for long filters.
            int from = Math.max(0, position - 40);
            int to = Math.min(text.length(), position + 40);
            before.setText((from > 0 ? "…" : "") + text.substring(from, position).replace('\n', ' '));
            at.setText(position < text.length() ? text.substring(position, position + 1) : " ");
            after.setText(position + 1 <= to ? text.substring(position + 1, to).replace('\n', ' ')
                    + (to < text.length() ? "…" : "") : "");
        };
        model.filterErrorPositionProperty().addListener((obs, old, now) -> render.run());
        model.filterProblemProperty().addListener((obs, old, now) -> render.run());
        HBox box = row(message, where);
        box.visibleProperty().bind(model.filterProblemProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private HBox progressBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("messages-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        Label text = new Label();
        text.setId("messages-progress-text");
        text.getStyleClass().add("one-line");
        text.textProperty().bind(model.progressTextProperty());
        HBox box = row(bar, text);
        box.visibleProperty().bind(model.runningProperty().or(text.textProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private HBox pagingBar() {
        Button previous = button("messages-previous", "Previous page", Feather.CHEVRON_LEFT, null);
        previous.disableProperty().bind(model.canPreviousPageProperty().not());
        previous.setOnAction(e -> model.previousPage());
        Button next = button("messages-next", "Next page", Feather.CHEVRON_RIGHT, null);
        next.disableProperty().bind(model.canNextPageProperty().not());
        next.setOnAction(e -> model.nextPage());
        Label page = new Label();
        page.setId("messages-page-text");
        page.textProperty().bind(model.pageTextProperty());
        HBox paging = row(previous, next, page);
        paging.visibleProperty().bind(model.pageTextProperty().isNotEmpty());

        Label shown = new Label();
        shown.setId("messages-count");
        shown.getStyleClass().add(Styles.TEXT_MUTED);
        shown.textProperty().bind(Bindings.size(model.records())
                .map(n -> n.intValue() == 0 ? "" : Formats.count(n.longValue()) + " shown"));
        TextField capacity = new TextField(String.valueOf(model.tailCapacityProperty().get()));
        capacity.setId("messages-tail-capacity");
        capacity.setPrefWidth(90);
        capacity.setTooltip(new Tooltip("Records the live tail keeps (the newest); Enter to apply"));
        Runnable apply = () -> {
            try {
                int value = Integer.parseInt(capacity.getText().trim().replace(",", ""));
                if (value < 1 || value > 1_000_000) {
                    throw new NumberFormatException();
                }
                model.tailCapacityProperty().set(value);
            } catch (NumberFormatException ex) {
                capacity.setText(String.valueOf(model.tailCapacityProperty().get()));
            }
        };
        capacity.setOnAction(e -> apply.run());
        capacity.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                apply.run();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = row(paging, spacer, shown, new Label("Tail keeps"), capacity);
        bar.getStyleClass().add("messages-paging");
        return bar;
    }

    /** Starts a read; when the filter stopped it, puts the caret on the error. */
    private void read(BooleanSupplier command) {
        if (!command.getAsBoolean() && model.filterErrorPositionProperty().get() >= 0) {
            int position = Math.min(model.filterErrorPositionProperty().get(), filter.getLength());
            filter.requestFocus();
            if (position < filter.getLength()) {
                filter.selectRange(position, position + 1);
            } else {
                filter.positionCaret(position);
            }
        }
    }

    private static Node placeholderDetail(MessagesViewModel model) {
        Label label = new Label("Select a record to see it here.");
        label.getStyleClass().add(Styles.TEXT_MUTED);
        StackPane pane = new StackPane(label);
        pane.setId("messages-detail-placeholder");
        return pane;
    }

    private static Button button(String id, String text, Feather icon, String tip) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        if (tip != null) {
            button.setTooltip(new Tooltip(tip));
        }
        return button;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
