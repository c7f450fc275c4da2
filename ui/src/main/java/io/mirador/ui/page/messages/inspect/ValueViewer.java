package io.mirador.ui.page.messages.inspect;

import java.util.function.Consumer;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The view of one {@link ValueViewModel}: format switch, the text (one page at a time, read-only, monospace for hex
 * and JSON) or the JSON tree, and the truncation and paging actions. Node ids start with {@code idPrefix}
 * ({@code record-key} or {@code record-value}). FX thread only.
 */
final class ValueViewer {

    private final ValueViewModel model;
    private final BorderPane root = new BorderPane();
    private final TextArea area = new TextArea();
    private final JsonTreeView tree = new JsonTreeView();

    ValueViewer(String idPrefix, ValueViewModel model, Consumer<ValueViewModel> copy) {
        this.model = model;
        root.setId(idPrefix);
        root.getStyleClass().add("value-viewer");

        ComboBox<String> format = new ComboBox<>(model.formats());
        format.setId(idPrefix + "-format");
        format.valueProperty().bindBidirectional(model.formatProperty());
        format.setTooltip(new Tooltip("How to show the bytes; Auto picks JSON, text or hex"));
        Label summary = new Label();
        summary.setId(idPrefix + "-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());
        ToggleButton asTree = new ToggleButton("Tree", new FontIcon(Feather.LIST));
        asTree.setId(idPrefix + "-tree-toggle");
        asTree.setSelected(true);
        asTree.setTooltip(new Tooltip("Foldable tree of the JSON document, or its pretty text"));
        asTree.visibleProperty().bind(model.jsonProperty().isNotNull());
        asTree.managedProperty().bind(asTree.visibleProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.loadingProperty());
        Button copyButton = new Button(null, new FontIcon(Feather.COPY));
        copyButton.setId(idPrefix + "-copy");
        copyButton.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        copyButton.setTooltip(new Tooltip("Copy all of it in this format"));
        copyButton.setOnAction(e -> copy.accept(model));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, format, asTree, summary, busy, grow, copyButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("value-bar");

        // A chosen format that does not fit is said above the text, in a warning, not only in the muted footer.
        Label fallback = new Label(null, new FontIcon(Feather.ALERT_TRIANGLE));
        fallback.setId(idPrefix + "-fallback");
        fallback.getStyleClass().addAll("value-fallback", Styles.WARNING);
        fallback.setWrapText(true);
        fallback.setMinHeight(Region.USE_PREF_SIZE);
        fallback.setMaxWidth(Double.MAX_VALUE);
        fallback.textProperty().bind(model.fallbackProperty());
        fallback.visibleProperty().bind(model.fallbackProperty().isNotEmpty());
        fallback.managedProperty().bind(fallback.visibleProperty());
        model.fallbackProperty().addListener((obs, old, now) ->
                format.pseudoClassStateChanged(Styles.STATE_WARNING, !now.isEmpty()));

        area.setId(idPrefix + "-text");
        area.setEditable(false);
        area.setWrapText(true);
        area.textProperty().bind(model.pageTextProperty());
        model.usedFormatProperty().addListener((obs, old, now) -> {
            boolean mono = BasicValueRenderer.HEX.equalsIgnoreCase(now) || BasicValueRenderer.JSON.equalsIgnoreCase(now)
                    || BasicValueRenderer.BASE64.equalsIgnoreCase(now);
            area.getStyleClass().remove("mono");
            if (mono) {
                area.getStyleClass().add("mono");
            }
            // Hex lines are aligned; wrapping would break the columns.
            area.setWrapText(!BasicValueRenderer.HEX.equalsIgnoreCase(now));
        });
        tree.setId(idPrefix + "-tree");
        model.jsonProperty().addListener((obs, old, now) -> tree.show(now));
        BooleanBinding showTree = model.jsonProperty().isNotNull().and(asTree.selectedProperty());
        tree.visibleProperty().bind(showTree);
        area.visibleProperty().bind(showTree.not());
        StackPane content = new StackPane(area, tree);
        VBox.setVgrow(content, Priority.ALWAYS);

        Label note = new Label();
        note.setId(idPrefix + "-note");
        note.setWrapText(true);
        note.setMinWidth(0);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(model.noteProperty());
        Button loadAll = new Button("Load all");
        loadAll.setId(idPrefix + "-load-all");
        loadAll.getStyleClass().add(Styles.SMALL);
        loadAll.setTooltip(new Tooltip("Render the rest too (up to " + ValueViewModel.LOAD_ALL_CHARS / (1 << 20)
                + " M characters), page by page"));
        loadAll.visibleProperty().bind(model.canLoadAllProperty());
        loadAll.managedProperty().bind(loadAll.visibleProperty());
        loadAll.setOnAction(e -> model.loadAll());
        Button previous = pageButton(idPrefix + "-previous", Feather.CHEVRON_LEFT, model::previousPage);
        previous.disableProperty().bind(model.pageProperty().lessThanOrEqualTo(0));
        Button next = pageButton(idPrefix + "-next", Feather.CHEVRON_RIGHT, model::nextPage);
        next.disableProperty().bind(model.pageProperty().greaterThanOrEqualTo(model.pageCountProperty().subtract(1)));
        Label pageLabel = new Label();
        pageLabel.setId(idPrefix + "-page");
        pageLabel.getStyleClass().add(Styles.TEXT_MUTED);
        pageLabel.textProperty().bind(model.pageLabelProperty());
        HBox paging = new HBox(4, previous, pageLabel, next);
        paging.setAlignment(Pos.CENTER_LEFT);
        paging.visibleProperty().bind(model.pageCountProperty().greaterThan(1).and(area.visibleProperty()));
        paging.managedProperty().bind(paging.visibleProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        HBox footer = new HBox(8, note, loadAll, paging);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("value-footer");
        footer.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !model.noteProperty().get().isEmpty() || model.pageCountProperty().get() > 1,
                model.noteProperty(), model.pageCountProperty()));
        footer.managedProperty().bind(footer.visibleProperty());

        root.setTop(new VBox(bar, fallback));
        root.setCenter(content);
        root.setBottom(footer);
    }

    Node view() {
        return root;
    }

    private static Button pageButton(String id, Feather icon, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON, Styles.SMALL);
        button.setOnAction(e -> action.run());
        return button;
    }
}
