package io.mirador.ui.control;

import atlantafx.base.theme.Styles;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The parts every page's header is made of: title, cluster chooser, busy indicator, Refresh button, spacer,
 * toolbar row and the problem / notice lines under it. Small factories rather than one fixed header, because the
 * pages put different controls between them (a filter, a broker chooser, write actions); each page passes its
 * own id prefix ({@code "topics"} gives {@code topics-cluster}, {@code topics-refresh}), since tests and
 * {@link io.mirador.ui.page.Page#refresh()} find the nodes by id and style class. FX thread only.
 */
public final class PageHeader {

    /** The style class {@link io.mirador.ui.page.Page#refresh()} looks up to fire on F5 / Ctrl+R. */
    public static final String REFRESH_CLASS = "page-refresh";

    private PageHeader() {
    }

    /** The page's title, in the theme's second title size. */
    public static Label title(String text) {
        Label title = new Label(text);
        title.getStyleClass().add(Styles.TITLE_2);
        return title;
    }

    /** {@code <prefix>-cluster}: picks the cluster the page shows, both ways bound to the view-model's choice. */
    public static ComboBox<String> clusterChooser(String prefix, ObservableList<String> names,
                                                  Property<String> selected) {
        ComboBox<String> cluster = new ComboBox<>(names);
        cluster.setId(prefix + "-cluster");
        cluster.setPromptText("Cluster");
        cluster.valueProperty().bindBidirectional(selected);
        return cluster;
    }

    /** A small spinner, shown while {@code busy} is true (loading, or a write under way). */
    public static ProgressIndicator busy(ObservableValue<Boolean> busy) {
        ProgressIndicator indicator = new ProgressIndicator();
        indicator.setPrefSize(16, 16);
        indicator.visibleProperty().bind(busy);
        return indicator;
    }

    /** {@code <prefix>-refresh}, carrying {@link #REFRESH_CLASS} so F5 fires it. */
    public static Button refresh(String prefix, Runnable refresh) {
        Button button = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        button.setId(prefix + "-refresh");
        button.getStyleClass().add(REFRESH_CLASS);
        button.setOnAction(e -> refresh.run());
        return button;
    }

    /** Takes the free width of an {@link HBox}, pushing what follows it to the right. */
    public static Region spacer(Priority grow) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, grow);
        return spacer;
    }

    /** A row of controls, vertically centred, with the page's style class for its toolbar. */
    public static HBox toolbar(String styleClass, double spacing, Node... nodes) {
        HBox bar = new HBox(spacing, nodes);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(styleClass);
        return bar;
    }

    /** A wrapping one-sentence line in {@code style}, taking no room while its text is empty. */
    public static Label message(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add(style);
        showWhenText(label);
        return label;
    }

    /** {@link #message(String, String)} showing {@code text}. */
    public static Label message(String id, String style, ObservableValue<String> text) {
        Label label = message(id, style);
        label.textProperty().bind(text);
        return label;
    }

    /** {@code <prefix>-problem}: why the page cannot show its cluster, as a warning; hidden while there is none. */
    public static Label problem(String prefix, ObservableValue<String> problem) {
        return message(prefix + "-problem", Styles.WARNING, problem);
    }

    /**
     * The outcome of the page's last write command: green when it worked, red when it failed
     * ({@code isError} switches the colour when it changes, the text alone does not).
     */
    public static Label notice(String id, ObservableValue<String> text, ObservableValue<Boolean> isError) {
        Label notice = message(id, Styles.SUCCESS, text);
        isError.addListener((obs, old, error) -> {
            notice.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            notice.getStyleClass().add(error ? Styles.DANGER : Styles.SUCCESS);
        });
        return notice;
    }

    /** Shows {@code label} only while it has text, and lets it take no room while hidden. */
    public static void showWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
