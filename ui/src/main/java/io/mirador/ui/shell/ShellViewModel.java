package io.mirador.ui.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Which page the window shows and which theme it wears. UI thread only. */
public final class ShellViewModel {

    /** The pages of the navigation, in order. */
    public enum PageId {
        CLUSTERS("Clusters"), OVERVIEW("Overview"), BROKERS("Brokers"), TOPICS("Topics"), GROUPS("Consumer groups"),
        SECURITY("ACLs & quotas");

        private final String title;

        PageId(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final ObjectProperty<PageId> page = new SimpleObjectProperty<>(this, "page", PageId.CLUSTERS);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);

    public ObjectProperty<PageId> pageProperty() {
        return page;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }
}
