package io.mirador.ui.page.topics;

import io.mirador.ui.control.Columns;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.beans.property.StringProperty;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.event.ActionEvent;
import javafx.stage.Window;

/** Deletes all records of a topic, or those before an offset in chosen partitions. */
final class PurgeDialog extends FormDialog {

    PurgeDialog(Window owner, PurgeForm form) {
        super(owner, "purge-topic", "Purge topic " + form.topic(), "Purge", form, content(form));
        danger();
    }

    private static VBox content(PurgeForm form) {
        Label text = new Label("Deleted records are gone for every consumer; offsets keep counting from where they were.");
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ToggleGroup mode = new ToggleGroup();
        RadioButton all = new RadioButton("Every record of every partition");
        all.setId("purge-all");
        RadioButton some = new RadioButton("Records before an offset, per partition (blank: leave the partition alone)");
        some.setId("purge-some");
        some.setWrapText(true);
        some.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        all.setToggleGroup(mode);
        some.setToggleGroup(mode);
        all.setSelected(form.allProperty().get());
        some.setSelected(!form.allProperty().get());
        mode.selectedToggleProperty().addListener((obs, old, now) -> form.allProperty().set(now == all));

        TableView<PurgeForm.Row> rows = Columns.table("purge-partitions", "No partitions");
        rows.setItems(form.rows());
        rows.setPrefHeight(220);
        rows.disableProperty().bind(form.allProperty());
        TableColumn<PurgeForm.Row, Integer> partition = Columns.numeric("Partition", PurgeForm.Row::partition, 90);
        TableColumn<PurgeForm.Row, Long> earliest = Columns.numeric("Earliest", r -> known(r.earliest()), 110);
        TableColumn<PurgeForm.Row, Long> latest = Columns.numeric("Latest", r -> known(r.latest()), 110);
        earliest.setCellFactory(col -> Columns.formatted(String::valueOf));
        latest.setCellFactory(col -> Columns.formatted(String::valueOf));
        TableColumn<PurgeForm.Row, String> before = new TableColumn<>("Delete before offset");
        before.setCellValueFactory(cell -> cell.getValue().beforeProperty());
        before.setCellFactory(col -> new OffsetCell());
        rows.getColumns().setAll(java.util.List.of(partition, earliest, latest, before));
        VBox box = new VBox(8, text, all, some, rows);
        box.setPrefWidth(520);
        return box;
    }

    /**
     * A text field bound straight to its row's offset: TableView's own edit cells drop what was typed unless Enter
     * is pressed, and a purge must not run with other offsets than the ones on screen.
     */
    private static final class OffsetCell extends TableCell<PurgeForm.Row, String> {
        private final TextField field = new TextField();
        private StringProperty bound;

        OffsetCell() {
            field.setPromptText("leave alone");
            // Enter means "done with this offset", never "purge": keep it from reaching the dialog's buttons.
            field.setOnAction(ActionEvent::consume);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                field.textProperty().unbindBidirectional(bound);
                bound = null;
            }
            int index = getIndex();
            if (empty || index < 0 || index >= getTableView().getItems().size()) {
                setGraphic(null);
                return;
            }
            bound = getTableView().getItems().get(index).beforeProperty();
            field.textProperty().bindBidirectional(bound);
            field.setId("purge-before-" + getTableView().getItems().get(index).partition());
            setGraphic(field);
        }
    }

    private static Long known(long offset) {
        return offset < 0 ? null : offset;
    }
}
