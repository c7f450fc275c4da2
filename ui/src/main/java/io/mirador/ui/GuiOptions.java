package io.mirador.ui;

import io.mirador.broker.SandboxSpec;

/** How to start the GUI. {@code sandbox} null: start no local clusters. */
public record GuiOptions(SandboxSpec sandbox) {

    /** The default two-cluster sandbox with demo data. */
    public static GuiOptions defaults() {
        return new GuiOptions(SandboxSpec.defaults());
    }
}
