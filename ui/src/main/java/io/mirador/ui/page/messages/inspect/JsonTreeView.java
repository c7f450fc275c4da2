package io.mirador.ui.page.messages.inspect;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;

/**
 * A JSON document as a folding tree: objects and arrays collapse, scalars are coloured by type through the CSS
 * classes {@code json-key}, {@code json-string}, {@code json-number}, {@code json-boolean}, {@code json-null} and
 * {@code json-summary}. Children are created when a node is first expanded and long scalars are cut in the cell,
 * so a large document costs only what is on screen. FX thread only.
 */
final class JsonTreeView extends TreeView<JsonTreeView.Entry> {

    /** Characters of a scalar shown in one cell. */
    static final int SCALAR_CHARS = 300;

    /** One node: its name in the parent ("field", "[3]" or "" for the root) and the JSON below it. */
    record Entry(String name, JsonNode node) {
    }

    JsonTreeView() {
        getStyleClass().add("json-tree");
        setShowRoot(true);
        setCellFactory(view -> new EntryCell());
    }

    /** Shows {@code document}, root and first level expanded; null clears the tree. */
    void show(JsonNode document) {
        if (document == null) {
            setRoot(null);
            return;
        }
        LazyItem root = new LazyItem(new Entry("", document));
        root.setExpanded(true);
        setRoot(root);
    }

    private static final class LazyItem extends TreeItem<Entry> {
        private boolean loaded;

        LazyItem(Entry entry) {
            super(entry);
        }

        @Override
        public boolean isLeaf() {
            JsonNode node = getValue().node();
            return !node.isContainerNode() || node.isEmpty();
        }

        @Override
        public ObservableList<TreeItem<Entry>> getChildren() {
            if (!loaded) {
                loaded = true;
                JsonNode node = getValue().node();
                if (node.isObject()) {
                    for (Map.Entry<String, JsonNode> field : node.properties()) {
                        super.getChildren().add(new LazyItem(new Entry(field.getKey(), field.getValue())));
                    }
                } else if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        super.getChildren().add(new LazyItem(new Entry("[" + i + "]", node.get(i))));
                    }
                }
            }
            return super.getChildren();
        }
    }

    private static final class EntryCell extends TreeCell<Entry> {
        private final Label name = new Label();
        private final Label value = new Label();
        private final HBox box = new HBox(6, name, value);

        EntryCell() {
            name.getStyleClass().add("json-key");
            value.setMinWidth(0);
        }

        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(entry.name().isEmpty() ? "" : entry.name() + ":");
            name.setVisible(!entry.name().isEmpty());
            name.setManaged(!entry.name().isEmpty());
            JsonNode node = entry.node();
            value.getStyleClass().removeAll("json-string", "json-number", "json-boolean", "json-null", "json-summary");
            value.getStyleClass().add(styleOf(node));
            value.setText(textOf(node));
            setText(null);
            setGraphic(box);
        }
    }

    static String styleOf(JsonNode node) {
        if (node.isContainerNode()) {
            return "json-summary";
        }
        if (node.isTextual() || node.isBinary()) {
            return "json-string";
        }
        if (node.isNumber()) {
            return "json-number";
        }
        if (node.isBoolean()) {
            return "json-boolean";
        }
        return "json-null";
    }

    static String textOf(JsonNode node) {
        if (node.isObject()) {
            return "{" + node.size() + (node.size() == 1 ? " field}" : " fields}");
        }
        if (node.isArray()) {
            return "[" + node.size() + (node.size() == 1 ? " item]" : " items]");
        }
        String text = node.isTextual() ? node.toString() : node.asText();
        return text.length() > SCALAR_CHARS ? text.substring(0, SCALAR_CHARS) + "…" : text;
    }
}
