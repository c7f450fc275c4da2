package io.mirador.ui.shell;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import atlantafx.base.theme.Styles;
import io.mirador.ui.page.Page;
import io.mirador.ui.shell.ShellViewModel.PageId;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's layout: top bar with the theme switch, navigation on the left, the current page in the
 * middle, status bar at the bottom. Pages are built the first time they are shown, which keeps the time
 * to first frame short. FX thread only.
 */
public final class MainView extends BorderPane {

    private final ShellViewModel model;
    private final Map<PageId, Supplier<Page>> factories;
    private final Map<PageId, Page> pages = new EnumMap<>(PageId.class);
    private final StackPane content = new StackPane();
    private final TimeDisplay time;
    private Page current;

    public MainView(ShellViewModel model, Map<PageId, Supplier<Page>> factories, TaskMonitor monitor, TimeDisplay time) {
        this.model = model;
        this.time = time;
        this.factories = new EnumMap<>(factories);
        setId("main-view");
        getStyleClass().add("main-view");
        getStylesheets().add(MainView.class.getResource("shell.css").toExternalForm());

        setTop(new VBox(topBar(), banner()));
        setLeft(navigation());
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        content.getStyleClass().add("page-content");
        setCenter(content);
        setBottom(new StatusBar(monitor));

        model.pageProperty().addListener((obs, old, now) -> show(now));
        show(model.pageProperty().get());
    }

    /**
     * Builds the pages not shown yet, one per FX turn, so that the first visit of each is as quick as the next
     * (a page's first build pays for class loading, CSS and control skins: up to a second on a cold JVM). Meant
     * for the moments after start-up, while the sandbox starts; a page built here stays idle until shown.
     */
    public void prebuildPages() {
        java.util.Iterator<PageId> next = java.util.Arrays.stream(PageId.values())
                .filter(id -> factories.containsKey(id) && !pages.containsKey(id)).iterator();
        prebuildNext(next);
    }

    private void prebuildNext(java.util.Iterator<PageId> next) {
        if (!next.hasNext()) {
            return;
        }
        PageId id = next.next();
        javafx.application.Platform.runLater(() -> {
            Page page = pages.computeIfAbsent(id, key -> factories.get(key).get());
            // CSS and layout of a detached page run now rather than on its first visit.
            Node view = page.view();
            if (view instanceof javafx.scene.Parent parent && getScene() != null && parent.getScene() == null) {
                content.getChildren().add(0, parent);
                parent.setVisible(false);
                parent.applyCss();
                parent.layout();
                content.getChildren().remove(parent);
                parent.setVisible(true);
            }
            prebuildNext(next);
        });
    }

    /** The page built for {@code id}, or null while it has not been shown yet. */
    public Page page(PageId id) {
        return pages.get(id);
    }

    /**
     * Window-wide keys: Ctrl/Cmd+1…9 go to the n-th page of the navigation, Ctrl/Cmd+F to the page's filter or
     * search field, F5 or Ctrl/Cmd+R reloads the page.
     */
    private void shortcut(KeyEvent event) {
        if (event.isShortcutDown() && event.getCode().isDigitKey()) {
            int index = event.getCode().getCode() - KeyCode.DIGIT1.getCode();
            List<PageId> shown = Arrays.stream(PageId.values()).filter(factories::containsKey).toList();
            if (index >= 0 && index < shown.size()) {
                model.pageProperty().set(shown.get(index));
                event.consume();
            }
        } else if (event.isShortcutDown() && event.getCode() == KeyCode.F && current != null) {
            current.focusSearch();
            event.consume();
        } else if ((event.getCode() == KeyCode.F5 || event.isShortcutDown() && event.getCode() == KeyCode.R)
                && current != null) {
            current.refresh();
            event.consume();
        }
    }

    private Label banner() {
        Label banner = new Label(null, new FontIcon(Feather.ALERT_TRIANGLE));
        banner.setId("app-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().addAll("app-banner", Styles.WARNING);
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private HBox topBar() {
        Label name = new Label("Mirador", new FontIcon(Feather.APERTURE));
        name.getStyleClass().addAll(Styles.TITLE_4, "app-name");

        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setOnAction(e -> model.toggleTheme());
        theme.graphicProperty().bind(model.darkProperty().map(dark -> new FontIcon(dark ? Feather.SUN : Feather.MOON)));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.darkProperty().map(dark -> dark ? "Switch to light theme" : "Switch to dark theme"));
        theme.setTooltip(tip);

        ToggleButton utc = new ToggleButton("UTC");
        utc.setId("utc-toggle");
        utc.getStyleClass().add(Styles.SMALL);
        utc.selectedProperty().bindBidirectional(time.utcProperty());
        utc.setTooltip(new Tooltip("Show times in UTC instead of local time (" + java.time.ZoneId.systemDefault().getId() + ")"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, name, spacer, utc, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    private VBox navigation() {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        nav.setId("navigation");
        nav.getStyleClass().add("navigation");
        int number = 0;
        for (PageId id : PageId.values()) {
            if (!factories.containsKey(id)) {
                continue;
            }
            number++;
            ToggleButton item = new ToggleButton(id.title(), new FontIcon(icon(id)));
            if (number <= 9) {
                item.setTooltip(new Tooltip(id.title() + " (" + (isMac() ? "⌘" : "Ctrl+") + number + ")"));
            }
            item.setId("nav-" + id.name().toLowerCase(Locale.ROOT));
            item.getStyleClass().addAll("nav-item", Styles.FLAT);
            item.setMaxWidth(Double.MAX_VALUE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setToggleGroup(group);
            item.setSelected(model.pageProperty().get() == id);
            item.setOnAction(e -> {
                // A toggle group lets the user unselect the current item; navigation always keeps one.
                item.setSelected(true);
                model.pageProperty().set(id);
            });
            model.pageProperty().addListener((obs, old, now) -> item.setSelected(now == id));
            nav.getChildren().add(item);
        }
        return nav;
    }

    private static boolean isMac() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    }

    private static Ikon icon(PageId id) {
        return switch (id) {
            case CLUSTERS -> Feather.SERVER;
            case OVERVIEW -> Feather.ACTIVITY;
            case BROKERS -> Feather.HARD_DRIVE;
            case SECURITY -> Feather.LOCK;
            case MESSAGES -> Feather.MAIL;
            case MIRRORING -> Feather.SHUFFLE;
            case TOPICS -> Feather.LIST;
            case GROUPS -> Feather.USERS;
        };
    }

    private void show(PageId id) {
        Page next = pages.computeIfAbsent(id, key -> factories.get(key).get());
        if (next == current) {
            return;
        }
        if (current != null) {
            current.hidden();
        }
        current = next;
        content.getChildren().setAll(next.view());
        next.shown();
    }
}
