package io.mirador.ui.page;

import javafx.scene.Node;

/** One screen of the main window. All methods run on the FX thread. */
public interface Page {

    /** The page's root node, built once. */
    Node view();

    /** The page became visible: start whatever keeps it fresh. */
    default void shown() {
    }

    /** The page was replaced by another: stop background refreshes. */
    default void hidden() {
    }

    /** Ctrl+F: put the keyboard in the page's filter or search field, when it has one. */
    default void focusSearch() {
        Node field = view().lookup(".page-search");
        if (field != null) {
            field.requestFocus();
        }
    }

    /** F5 / Ctrl+R: reload now, when the page loads anything. */
    default void refresh() {
        Node button = view().lookup(".page-refresh");
        if (button instanceof javafx.scene.control.ButtonBase b && !b.isDisabled()) {
            b.fire();
        }
    }
}
