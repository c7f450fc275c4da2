package io.mirador.ui.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Which page the window shows and which theme it wears. UI thread only. */
public final class ShellViewModel {

    /** The pages of the navigation, in order. */
    public enum PageId {
        CLUSTERS("Clusters"), OVERVIEW("Overview"), BROKERS("Brokers"), TOPICS("Topics"), MESSAGES("Messages"),
        GROUPS("Consumer groups"), SECURITY("ACLs & quotas"), MIRRORING("Mirroring");

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
    private final StringProperty banner = new SimpleStringProperty(this, "banner", "");

    public ObjectProperty<PageId> pageProperty() {
        return page;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** A warning about the whole app (e.g. the state file could not be opened) shown above every page; empty: none. */
    public StringProperty bannerProperty() {
        return banner;
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }
}
