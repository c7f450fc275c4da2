package io.mirador.ui.page.clusters;

import java.io.File;
import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import io.mirador.ui.service.ConnectionEntry;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The saved connections half of the Clusters page: a card per connection (address, security, read-only badge,
 * last test answer; Test, Edit, Delete) and the Add and Import buttons. Cards are rebuilt when the list or a
 * test answer changes; people keep a handful of connections. FX thread only.
 */
final class ConnectionsSection extends VBox {

    private final ClustersViewModel model;
    private final Supplier<Window> owner;
    private final VBox cards = new VBox();

    ConnectionsSection(ClustersViewModel model, Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
        setId("connections-section");
        getStyleClass().add("connections-section");
        setSpacing(12);

        Label title = new Label("Connections");
        title.getStyleClass().add(Styles.TITLE_3);
        Button add = new Button("Add connection", new FontIcon(Feather.PLUS));
        add.setId("connection-add");
        add.setOnAction(e -> edit("Add connection", model.newForm(), null));
        Button importButton = new Button("Import .properties…", new FontIcon(Feather.UPLOAD));
        importButton.setId("connection-import");
        importButton.setOnAction(e -> importFile());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(12, title, spacer, importButton, add);
        head.setAlignment(Pos.CENTER_LEFT);

        cards.getStyleClass().add("cluster-cards");
        getChildren().setAll(head, cards);
        model.connections().addListener((ListChangeListener<ConnectionEntry>) change -> rebuild());
        model.testResults().addListener((MapChangeListener<String, String>) change -> rebuild());
        rebuild();
    }

    /** Opens the editor on {@code form}; {@code previousName} null for a new connection. */
    void edit(String title, ConnectionForm form, String previousName) {
        ConnectionDialog dialog = new ConnectionDialog(title, form,
                f -> model.save(f, previousName, () -> { }));
        dialog.initOwner(owner.get());
        dialog.show();
    }

    private void importFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a Kafka client properties file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Properties", "*.properties", "*.conf"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner.get());
        if (file != null) {
            model.importFile(file.toPath(), form -> edit("Import connection", form, null));
        }
    }

    private void rebuild() {
        if (model.connections().isEmpty()) {
            Label none = new Label("No saved connections. Add one to browse a cluster outside the sandbox,"
                    + " or import a Kafka client .properties file.");
            none.setWrapText(true);
            none.getStyleClass().add(Styles.TEXT_MUTED);
            cards.getChildren().setAll(none);
            return;
        }
        cards.getChildren().setAll(model.connections().stream().map(this::card).toList());
    }

    private Node card(ConnectionEntry entry) {
        Label name = new Label(entry.name());
        name.getStyleClass().add(Styles.TITLE_4);
        HBox badges = new HBox(6);
        if (entry.readOnly()) {
            Label readOnly = new Label("read-only");
            readOnly.setId("connection-read-only-" + entry.name());
            readOnly.getStyleClass().addAll("state-badge", "state-stopped");
            badges.getChildren().add(readOnly);
        }
        Button test = new Button("Test", new FontIcon(Feather.ZAP));
        test.setId("connection-test-" + entry.name());
        test.setOnAction(e -> model.test(entry));
        Button edit = new Button("Edit", new FontIcon(Feather.EDIT_2));
        edit.setId("connection-edit-" + entry.name());
        edit.setOnAction(e -> edit("Edit connection", model.editForm(entry), entry.name()));
        Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
        delete.setId("connection-delete-" + entry.name());
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> model.delete(entry));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(12, name, badges, spacer, test, edit, delete);
        head.setAlignment(Pos.CENTER_LEFT);

        Label address = new Label(entry.bootstrapServers() + "  ·  " + ClustersViewModel.securityText(entry.connection()));
        address.getStyleClass().addAll("fact-value", Styles.TEXT_MUTED);
        VBox card = new VBox(8, head, address);
        String result = model.testResults().get(entry.name());
        if (result != null) {
            Label answer = new Label(result);
            answer.setId("connection-result-" + entry.name());
            answer.setWrapText(true);
            answer.getStyleClass().add(result.startsWith("✓") ? Styles.SUCCESS
                    : result.startsWith("✗") ? Styles.DANGER : Styles.TEXT_MUTED);
            card.getChildren().add(answer);
        }
        card.setId("connection-" + entry.name());
        card.getStyleClass().add("cluster-card");
        return card;
    }
}
