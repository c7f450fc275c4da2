package io.mirador.ui.page.groups;

import java.util.List;
import java.util.Locale;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.Dialogs;
import io.mirador.ui.page.groups.ResetOffsetsViewModel.Mode;
import io.mirador.ui.page.groups.ResetOffsetsViewModel.TopicChoice;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * "Reset offsets" of one group: topics, mode, Preview, then Apply. A view of {@link ResetOffsetsViewModel} and
 * nothing else; Preview and Apply run the model's commands and keep the dialog open (their button events are
 * consumed), the dialog closes itself once the model reports the reset applied. Closing it drops a preview under
 * way but never an apply already sent. FX thread only.
 */
public final class ResetOffsetsDialog extends Dialog<Void> {

    static final ButtonType PREVIEW = new ButtonType("Preview", ButtonBar.ButtonData.OTHER);
    static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);

    private final ResetOffsetsViewModel model;

    public ResetOffsetsDialog(ResetOffsetsViewModel model, Window owner) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        initModality(Modality.WINDOW_MODAL);
        setTitle("Reset offsets of " + model.groupId());
        setHeaderText(null);
        setResizable(true);
        getDialogPane().setId("reset-offsets-dialog");
        getDialogPane().getButtonTypes().setAll(PREVIEW, APPLY, ButtonType.CANCEL);
        getDialogPane().setContent(content());
        getDialogPane().setPrefSize(720, 640);
        Dialogs.uncapWidth(getDialogPane());

        Button preview = (Button) getDialogPane().lookupButton(PREVIEW);
        preview.setId("reset-preview");
        preview.disableProperty().bind(model.canPreviewProperty().not());
        preview.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.preview();
        });
        Button apply = (Button) getDialogPane().lookupButton(APPLY);
        apply.setId("reset-apply");
        apply.setDefaultButton(false);
        apply.disableProperty().bind(model.canApplyProperty().not());
        apply.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.apply();
        });
        Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("reset-cancel");

        model.appliedProperty().addListener((obs, old, now) -> {
            if (now) {
                close();
            }
        });
        setOnHidden(e -> model.dispose());
    }

    private Node content() {
        Label target = new Label("Group " + model.groupId() + " on cluster " + model.cluster()
                + ". Preview shows what each partition would move to; Apply commits exactly that.");
        target.setWrapText(true);
        target.setMinHeight(Region.USE_PREF_SIZE);

        VBox topicBoxes = new VBox(4);
        for (TopicChoice topic : model.topics()) {
            CheckBox box = new CheckBox(topic.name());
            box.setId("reset-topic-" + topic.name());
            box.selectedProperty().bindBidirectional(topic.selectedProperty());
            box.disableProperty().bind(model.busyProperty());
            topicBoxes.getChildren().add(box);
        }
        ScrollPane topics = new ScrollPane(topicBoxes);
        topics.setFitToWidth(true);
        topics.setPrefViewportHeight(Math.min(5, Math.max(1, model.topics().size())) * 26);

        Label problem = new Label();
        problem.setId("reset-input-problem");
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(model.inputProblemProperty());
        problem.visibleProperty().bind(model.inputProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label message = new Label();
        message.setId("reset-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        TableView<OffsetChange> table = previewTable();
        VBox.setVgrow(table, Priority.ALWAYS);

        GridPane form = Dialogs.labelledGrid();
        Label topicsLabel = new Label("Topics");
        Label resetLabel = new Label("Reset");
        GridPane.setValignment(topicsLabel, javafx.geometry.VPos.TOP);
        GridPane.setValignment(resetLabel, javafx.geometry.VPos.TOP);
        form.addRow(0, topicsLabel, topics);
        form.addRow(1, resetLabel, modes());
        GridPane.setHgrow(topics, Priority.ALWAYS);

        VBox box = new VBox(12, target, form, problem, table, message);
        box.setPrefWidth(680);
        return box;
    }

    /**
     * One radio button per mode, each followed by its input, enabled only while its mode is chosen. A grid, so the
     * inputs line up after the longest label, and no label or input shrinks below its own width.
     */
    private Node modes() {
        ToggleGroup group = new ToggleGroup();
        GridPane rows = new GridPane();
        rows.setHgap(8);
        rows.setVgap(6);
        int index = 0;
        for (Mode mode : Mode.values()) {
            RadioButton radio = new RadioButton(mode.label());
            radio.setId("reset-mode-" + mode.name().toLowerCase(Locale.ROOT));
            radio.setUserData(mode);
            radio.setToggleGroup(group);
            radio.setMinWidth(Region.USE_PREF_SIZE);
            radio.disableProperty().bind(model.busyProperty());
            HBox row = new HBox(8);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getChildren().addAll(inputs(mode));
            for (Node input : row.getChildren()) {
                input.disableProperty().bind(model.modeProperty().isNotEqualTo(mode).or(model.busyProperty()));
                if (input instanceof Region region) {
                    region.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
            rows.addRow(index++, radio, row);
            if (model.modeProperty().get() == mode) {
                group.selectToggle(radio);
            }
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.modeProperty().set((Mode) now.getUserData());
            }
        });
        model.modeProperty().addListener((obs, old, now) -> {
            for (Toggle toggle : group.getToggles()) {
                if (toggle.getUserData() == now) {
                    group.selectToggle(toggle);
                }
            }
        });
        return rows;
    }

    private List<Node> inputs(Mode mode) {
        switch (mode) {
            case TIMESTAMP: {
                DatePicker date = new DatePicker();
                date.setId("reset-date");
                date.valueProperty().bindBidirectional(model.dateProperty());
                TextField time = field("reset-time", "HH:mm:ss", 90);
                time.textProperty().bindBidirectional(model.timeProperty());
                Label zone = new Label(model.zoneText());
                zone.getStyleClass().add(Styles.TEXT_MUTED);
                return List.of(date, time, zone);
            }
            case OFFSET: {
                TextField offset = field("reset-offset", "offset", 140);
                offset.textProperty().bindBidirectional(model.offsetProperty());
                return List.of(offset);
            }
            case SHIFT: {
                TextField shift = field("reset-shift", "e.g. -100", 140);
                shift.textProperty().bindBidirectional(model.shiftProperty());
                Label note = new Label("records (negative to re-read)");
                note.getStyleClass().add(Styles.TEXT_MUTED);
                return List.of(shift, note);
            }
            default:
                return List.of();
        }
    }

    private static TextField field(String id, String prompt, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        return field;
    }

    private TableView<OffsetChange> previewTable() {
        TableView<OffsetChange> table = Columns.table("reset-preview-table", "Preview to see the new offsets");
        table.setItems(model.previewRows());
        TableColumn<OffsetChange, String> topic = Columns.column("Topic", OffsetChange::topic);
        topic.setPrefWidth(180);
        TableColumn<OffsetChange, Integer> partition = Columns.column("Partition", OffsetChange::partition);
        Columns.numeric(partition, 120);
        TableColumn<OffsetChange, Long> current =
                GroupTables.offsetColumn("Current offset", c -> Columns.boxed(c.current()));
        TableColumn<OffsetChange, Long> target = GroupTables.offsetColumn("New offset", OffsetChange::target);
        TableColumn<OffsetChange, String> note = Columns.column("Note", ResetInputs::note);
        note.setPrefWidth(200);
        table.getColumns().setAll(List.of(topic, partition, current, target, note));
        return table;
    }
}
