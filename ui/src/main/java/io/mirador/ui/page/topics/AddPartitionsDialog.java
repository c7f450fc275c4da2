package io.mirador.ui.page.topics;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The new partition count of a topic. */
final class AddPartitionsDialog extends FormDialog {

    AddPartitionsDialog(Window owner, AddPartitionsForm form) {
        super(owner, "add-partitions", "Add partitions to " + form.topic(), "Add partitions", form, content(form));
    }

    private static VBox content(AddPartitionsForm form) {
        Label text = new Label("Topic " + form.topic() + " has " + form.current() + " partition"
                + (form.current() == 1 ? "" : "s") + ". Partitions can be added but never removed, and keyed records"
                + " may map to other partitions afterwards.");
        text.setWrapText(true);
        TextField total = new TextField();
        total.setId("add-partitions-total");
        total.textProperty().bindBidirectional(form.newTotalProperty());
        VBox box = new VBox(8, text, new Label("New partition count"), total);
        box.setPrefWidth(440);
        return box;
    }
}
