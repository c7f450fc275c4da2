package io.mirador.ui.page.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.ClientQuota;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.control.TableCopy;
import io.mirador.ui.page.Page;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** ACLs and client quotas of one cluster; on a cluster without authorizer, a message instead of the ACLs. */
public final class SecurityPage implements Page {

    private final SecurityViewModel model;
    private final BorderPane root = new BorderPane();

    public SecurityPage(SecurityViewModel model) {
        this.model = model;
        build();
    }


    @Override
    public Node view() {
        return root;
    }

    @Override
    public void shown() {
        model.setActive(true);
    }

    @Override
    public void hidden() {
        model.setActive(false);
    }

    private void build() {
        root.setId("security-page");
        root.getStyleClass().add("security-page");
        root.getStylesheets().add(SecurityPage.class.getResource("security.css").toExternalForm());

        Label title = PageHeader.title("ACLs & quotas");
        HBox toolbar = PageHeader.toolbar("security-toolbar", 12,
                PageHeader.clusterChooser("security", model.clusterNames(), model.selectedClusterProperty()),
                PageHeader.spacer(Priority.ALWAYS),
                PageHeader.busy(model.loadingProperty().or(model.workingProperty())),
                PageHeader.refresh("security", model::refresh));

        Label problem = PageHeader.problem("security", model.problemProperty());
        Label notice = PageHeader.notice("security-notice", model.noticeProperty(), model.noticeIsErrorProperty());
        root.setTop(new VBox(12, title, toolbar, problem, notice));

        SplitPane split = new SplitPane(aclSection(), quotaSection());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        root.setCenter(split);
    }

    private Node aclSection() {
        Label heading = new Label("ACLs");
        heading.getStyleClass().add(Styles.TITLE_4);

        TextField filter = new TextField();
        filter.setId("security-acl-filter");
        filter.getStyleClass().add("page-search");
        filter.setPromptText("Filter by principal, resource, operation…");
        filter.setPrefWidth(320);
        filter.textProperty().bindBidirectional(model.aclFilterProperty());
        filter.disableProperty().bind(model.noAuthorizerProperty());

        Label status = new Label();
        status.setId("security-acl-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.aclStatusProperty());

        TableView<AclEntry> table = aclTable();
        Button create = new Button("New ACL…", new FontIcon(Feather.PLUS));
        create.setId("security-acl-create");
        create.disableProperty().bind(model.aclWritableBinding().not());
        create.setOnAction(e -> {
            AclDraft draft = new AclDraft();
            if (AclDialog.ask(root, draft)) {
                model.createAcl(draft);
            }
        });
        Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
        delete.setId("security-acl-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(model.aclWritableBinding().not()
                .or(Bindings.isEmpty(table.getSelectionModel().getSelectedItems())));
        delete.setOnAction(e -> model.deleteAcls(new ArrayList<>(table.getSelectionModel().getSelectedItems())));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, heading, filter, status, spacer, create, delete);
        bar.setAlignment(Pos.CENTER_LEFT);

        // Without authorizer there are no ACLs to show, only the reason why.
        Label noAuthorizer = new Label();
        noAuthorizer.setId("security-no-authorizer");
        noAuthorizer.setWrapText(true);
        noAuthorizer.getStyleClass().addAll(Styles.TITLE_4, "no-authorizer");
        noAuthorizer.textProperty().bind(model.aclMessageProperty());
        noAuthorizer.visibleProperty().bind(model.noAuthorizerProperty());
        table.visibleProperty().bind(model.noAuthorizerProperty().not());
        StackPane body = new StackPane(table, noAuthorizer);
        StackPane.setAlignment(noAuthorizer, Pos.TOP_LEFT);

        Label aclError = PageHeader.message("security-acl-error", Styles.WARNING);
        aclError.textProperty().bind(Bindings.when(model.noAuthorizerProperty()).then("")
                .otherwise(model.aclMessageProperty()));

        VBox.setVgrow(body, Priority.ALWAYS);
        VBox box = new VBox(8, bar, aclError, body);
        box.getStyleClass().add("security-section");
        return box;
    }

    private TableView<AclEntry> aclTable() {
        TableView<AclEntry> table = new TableView<>();
        table.setId("security-acls");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        SortedList<AclEntry> sorted = new SortedList<>(model.visibleAcls());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No ACLs"));
        table.getColumns().setAll(List.of(
                column("Principal", AclEntry::principal, 180),
                column("Host", AclEntry::host, 110),
                column("Resource type", e -> e.resourceType().name(), 130),
                column("Resource name", AclEntry::resourceName, 200),
                column("Pattern", e -> e.patternType().name(), 100),
                column("Operation", e -> e.operation().name(), 140),
                column("Permission", e -> e.permission().name(), 100)));
        TableCopy.install(table);
        return table;
    }

    private Node quotaSection() {
        Label heading = new Label("Client quotas");
        heading.getStyleClass().add(Styles.TITLE_4);

        TableView<ClientQuota> table = quotaTable();
        var selected = table.getSelectionModel().selectedItemProperty();

        Button create = new Button("New quota…", new FontIcon(Feather.PLUS));
        create.setId("security-quota-create");
        create.disableProperty().bind(model.quotaWritableBinding().not());
        create.setOnAction(e -> editQuota(null));
        Button edit = new Button("Edit…", new FontIcon(Feather.EDIT_2));
        edit.setId("security-quota-edit");
        edit.disableProperty().bind(model.quotaWritableBinding().not().or(selected.isNull()));
        edit.setOnAction(e -> editQuota(selected.get()));
        Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
        delete.setId("security-quota-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(model.quotaWritableBinding().not().or(selected.isNull()));
        delete.setOnAction(e -> model.deleteQuota(selected.get()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, heading, spacer, create, edit, delete);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label quotaError = PageHeader.message("security-quota-error", Styles.WARNING);
        quotaError.textProperty().bind(model.quotaMessageProperty());

        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, bar, quotaError, table);
        box.getStyleClass().add("security-section");
        return box;
    }

    private void editQuota(ClientQuota quota) {
        if (!model.quotaWritableBinding().get()) {
            return;
        }
        QuotaDraft draft = new QuotaDraft(quota);
        if (QuotaDialog.ask(root, draft)) {
            model.saveQuota(draft);
        }
    }

    private TableView<ClientQuota> quotaTable() {
        TableView<ClientQuota> table = new TableView<>(model.quotas());
        table.setId("security-quotas");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No client quotas"));
        List<TableColumn<ClientQuota, String>> columns = new ArrayList<>();
        columns.add(column("User", q -> orAny(q.entity().user()), 160));
        columns.add(column("Client id", q -> orAny(q.entity().clientId()), 160));
        for (String key : QuotaDraft.KEYS) {
            TableColumn<ClientQuota, String> limit = column(QuotaRows.title(key),
                    q -> QuotaRows.limit(key, q.limits().get(key)), 130);
            limit.getStyleClass().add("numeric");
            columns.add(limit);
        }
        table.getColumns().setAll(columns);
        table.setRowFactory(t -> {
            TableRow<ClientQuota> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    editQuota(row.getItem());
                }
            });
            return row;
        });
        TableCopy.install(table);
        return table;
    }

    private static String orAny(String part) {
        return part == null ? "" : part;
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        return Columns.column(title, width, value);
    }
}
