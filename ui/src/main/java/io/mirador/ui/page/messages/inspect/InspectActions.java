package io.mirador.ui.page.messages.inspect;

import java.util.List;
import java.util.function.Supplier;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Toolbar buttons that open this package's dialogs, for the Messages page to add with {@code addToolbarAction}:
 * Produce, Re-send (the selected record), Export selection, Export range, Import. Each opens a fresh dialog
 * prefilled from the page's cluster, topic and selection as they are at the click. FX thread only.
 */
public final class InspectActions {

    private final Node anchor;
    private final ObservableList<ConnectionEntry> clusters;
    private final RecordSource source;
    private final TaskExecutor executor;
    private final TimeDisplay time;
    private final ObservableValue<String> cluster;
    private final ObservableValue<String> topic;

    /**
     * @param anchor   any node of the page, whose window owns the dialogs
     * @param clusters {@code Connections.entries()}
     * @param cluster  the page's chosen cluster; {@code topic} its chosen topic (either may hold null)
     */
    public InspectActions(Node anchor, ObservableList<ConnectionEntry> clusters, RecordSource source,
                          TaskExecutor executor, TimeDisplay time, ObservableValue<String> cluster,
                          ObservableValue<String> topic) {
        this.anchor = anchor;
        this.clusters = clusters;
        this.source = source;
        this.executor = executor;
        this.time = time;
        this.cluster = cluster;
        this.topic = topic;
    }

    public Button produceButton() {
        return button("messages-produce", "Produce…", Feather.SEND, "Write a record (or a JSON-lines file) to a topic",
                () -> new ProduceDialog(owner(), newProduceForm()).show());
    }

    /** Disabled while nothing is selected. */
    public Button resendButton(ObservableValue<KafkaRecord> selected) {
        Button button = button("messages-resend", "Re-send…", Feather.REPEAT,
                "Send the selected record again, to this or another topic or cluster",
                () -> {
                    KafkaRecord record = selected.getValue();
                    if (record != null) {
                        new ProduceDialog(owner(), newProduceForm().prefill(record)).show();
                    }
                });
        button.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> selected.getValue() == null, selected));
        return button;
    }

    /** Exports the records {@code selection} returns at the click (the table's selected or shown rows). */
    public Button exportSelectionButton(Supplier<List<KafkaRecord>> selection) {
        return button("messages-export-selection", "Export shown…", Feather.DOWNLOAD,
                "Write the records shown in the table to a JSON-lines or CSV file",
                () -> new ExportDialog(owner(), ExportModel.ofRecords(selection.get(), executor)).show());
    }

    /** Exports the range {@code range} returns at the click (the page's seek and stop), read again in full. */
    public Button exportRangeButton(Supplier<ReadSpec> range) {
        return button("messages-export-range", "Export range…", Feather.DOWNLOAD_CLOUD,
                "Read the whole range again and write it to a file",
                () -> {
                    ReadSpec spec = range.get();
                    if (spec != null && cluster.getValue() != null) {
                        new ExportDialog(owner(), ExportModel.ofRange(source, cluster.getValue(), spec, executor)).show();
                    }
                });
    }

    public Button importButton() {
        return button("messages-import", "Import…", Feather.UPLOAD, "Send a JSON-lines file to a topic",
                () -> new ImportDialog(owner(), new ImportModel(clusters, source, executor)
                        .prefill(cluster.getValue(), topic.getValue())).show());
    }

    private ProduceForm newProduceForm() {
        return new ProduceForm(clusters, source, executor, time).prefill(cluster.getValue(), topic.getValue());
    }

    private Window owner() {
        return anchor.getScene() == null ? null : anchor.getScene().getWindow();
    }

    private static Button button(String id, String text, Feather icon, String tip, Runnable action) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }
}
