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
}
