package io.mirador.ui.page.messages;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import atlantafx.base.theme.Styles;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The seek controls: cluster, topic (type to filter the list), partitions, then where to start and stop, each
 * showing only the inputs its choice needs. Times are typed in the display zone, which is shown next to them.
 * Bound to the view-model's {@link SeekForm}. FX thread only.
 */
final class SeekBar {

    private final MessagesViewModel model;
    private final VBox root = new VBox(8);

    SeekBar(MessagesViewModel model) {
        this.model = model;
        build();
    }

    Node view() {
        return root;
    }

    private void build() {
        SeekForm form = model.form();
        ComboBox<String> cluster = new ComboBox<>(model.clusterNames());
        cluster.setId("messages-cluster");
        cluster.setPromptText("Cluster");
        cluster.valueProperty().bindBidirectional(model.selectedClusterProperty());

        TextField partitions = field("messages-partitions", "all", 110, form.partitionsProperty());
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(model.partitionCountProperty().map(n -> n.intValue() < 0 ? ""
                : "of " + n + (n.intValue() == 1 ? " partition" : " partitions")));

        HBox first = row(cluster, topicPicker(), new Label("Partitions"), partitions, count);

        ChoiceBox<SeekForm.Start> start = new ChoiceBox<>();
        start.getItems().setAll(SeekForm.Start.values());
        start.setId("messages-start-mode");
        start.valueProperty().bindBidirectional(form.startProperty());
        ObjectProperty<SeekForm.Start> from = form.startProperty();
        TextField latest = field("messages-start-latest", "N", 80, form.latestCountProperty());
        shownWhen(latest, from.isEqualTo(SeekForm.Start.LATEST));
        TextField startOffset = field("messages-start-offset", "offset", 110, form.startOffsetProperty());
        shownWhen(startOffset, from.isEqualTo(SeekForm.Start.OFFSET));
        Node startTime = timeInputs("messages-start", form.startDateProperty(), form.startTimeProperty());
        shownWhen(startTime, from.isEqualTo(SeekForm.Start.TIME));

        ChoiceBox<SeekForm.Stop> stop = new ChoiceBox<>();
        stop.getItems().setAll(SeekForm.Stop.values());
        stop.setId("messages-stop-mode");
        stop.valueProperty().bindBidirectional(form.stopProperty());
        ObjectProperty<SeekForm.Stop> to = form.stopProperty();
        TextField stopOffset = field("messages-stop-offset", "offset", 110, form.stopOffsetProperty());
        shownWhen(stopOffset, to.isEqualTo(SeekForm.Stop.OFFSET));
        Node stopTime = timeInputs("messages-stop", form.stopDateProperty(), form.stopTimeProperty());
        shownWhen(stopTime, to.isEqualTo(SeekForm.Stop.TIME));
        TextField stopCount = field("messages-stop-count", "records", 90, form.stopCountProperty());
        shownWhen(stopCount, to.isEqualTo(SeekForm.Stop.COUNT));

        HBox second = row(new Label("Start at"), start, latest, startOffset, startTime,
                new Label("Stop at"), stop, stopOffset, stopTime, stopCount);
        root.getChildren().setAll(first, second);
    }

    /**
     * An editable combo over the topics: typing narrows the list to names containing the text (ignoring case)
     * and opens it; Enter or a click picks the topic.
     */
    private ComboBox<String> topicPicker() {
        ObservableList<String> shown = FXCollections.observableArrayList(model.topics());
        ComboBox<String> topic = new ComboBox<>(shown);
        topic.setId("messages-topic");
        topic.setEditable(true);
        topic.setPromptText("Topic");
        topic.setPrefWidth(260);
        topic.setVisibleRowCount(14);
        // Not bound both ways: a null the combo passes through while its list changes must not unselect the
        // topic (and clear the results). A name typed or picked is taken; null is not.
        topic.setValue(model.selectedTopicProperty().get());
        model.selectedTopicProperty().addListener((obs, old, now) -> {
            if (!Objects.equals(now, topic.getValue())) {
                topic.setValue(now);
            }
        });
        topic.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !now.isBlank()) {
                model.selectedTopicProperty().set(now.trim());
            }
        });
        Runnable narrow = () -> {
            String text = topic.getEditor().getText();
            boolean all = text == null || text.isEmpty() || text.equals(topic.getValue());
            String wanted = all ? "" : text.toLowerCase(Locale.ROOT);
            // The chosen topic always stays listed: were it removed, the combo would drop its value and
            // rewrite the text being typed.
            String chosen = topic.getValue();
            narrowTo(shown, model.topics().stream()
                    .filter(name -> name.equals(chosen) || name.toLowerCase(Locale.ROOT).contains(wanted)).toList());
            if (!all && topic.getEditor().isFocused() && !shown.isEmpty() && !topic.isShowing()) {
                topic.show();
            }
        };
        // After the keystroke is handled: changing the items inside the editor's own text change confuses it.
        topic.getEditor().textProperty().addListener((obs, old, text) -> Platform.runLater(narrow));
        model.topics().addListener((ListChangeListener<String>) change -> narrow.run());
        // Clicking into the field selects its text, so typing replaces the topic rather than appending to it.
        topic.getEditor().focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                Platform.runLater(topic.getEditor()::selectAll);
            }
        });
        return topic;
    }

    /**
     * Makes {@code shown} equal to {@code wanted} (a subsequence of the same sorted list) by removals and inserts,
     * never by replacing everything: a combo treats a wholesale replacement as a new list and resets its value.
     */
    static void narrowTo(ObservableList<String> shown, List<String> wanted) {
        Set<String> keep = new HashSet<>(wanted);
        shown.removeIf(name -> !keep.contains(name));
        for (int i = 0; i < wanted.size(); i++) {
            if (i >= shown.size() || !shown.get(i).equals(wanted.get(i))) {
                shown.add(i, wanted.get(i));
            }
        }
    }

    /** Date picker, time field and the zone they are in. */
    private Node timeInputs(String id, ObjectProperty<java.time.LocalDate> date, StringProperty timeOfDay) {
        TimeDisplay time = model.timeDisplay();
        DatePicker picker = new DatePicker();
        picker.setId(id + "-date");
        picker.setPrefWidth(140);
        picker.valueProperty().bindBidirectional(date);
        TextField field = field(id + "-time", "HH:mm:ss", 100, timeOfDay);
        Label zone = new Label();
        zone.setId(id + "-zone");
        zone.getStyleClass().add(Styles.TEXT_MUTED);
        zone.textProperty().bind(time.zoneProperty().map(z -> time.zoneLabel()));
        HBox box = new HBox(6, picker, field, zone);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static TextField field(String id, String prompt, double width, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static void shownWhen(Node node, BooleanBinding condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
