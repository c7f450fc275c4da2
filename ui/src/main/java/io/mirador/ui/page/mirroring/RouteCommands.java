package io.mirador.ui.page.mirroring;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.page.CommandNotice;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The Routes page's write actions, each one background call to the engine; outcomes, good or bad, end up as one
 * line in {@link #noticeProperty()} (a save's failure goes to the editor instead, which stays open to fix it).
 * Every command ends with {@code afterWrite}, also after a failure: the engine's state may have changed anyway.
 * UI thread only.
 */
public final class RouteCommands {

    private final MirroringService service;
    private final TaskExecutor executor;
    private final Predicate<String> confirm;
    private final Function<String, Optional<RouteRow>> rows;
    private final Runnable afterWrite;
    private final Consumer<String> deleted;

    private final CommandNotice notice = new CommandNotice(this);

    RouteCommands(MirroringService service, TaskExecutor executor, Predicate<String> confirm,
                  Function<String, Optional<RouteRow>> rows, Runnable afterWrite, Consumer<String> deleted) {
        this.service = service;
        this.executor = executor;
        this.confirm = confirm;
        this.rows = rows;
        this.afterWrite = afterWrite;
        this.deleted = deleted;
    }

    /** What the last command did or why it failed, e.g. "Paused route orders."; empty before the first. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.noticeProperty();
    }

    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return notice.noticeIsErrorProperty();
    }

    /** True while a command is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return notice.busyProperty();
    }

    public void pause(String name) {
        run("Pausing route " + name, "pause route " + name, "Paused route " + name + ".", () -> {
            service.pause(name, true);
            return null;
        }, () -> { });
    }

    /** Starts a stopped or failed route, resumes a paused one: the engine has one command for both. */
    public void resume(String name) {
        boolean start = rows.apply(name).map(RouteRow::stopped).orElse(false);
        run("Resuming route " + name, (start ? "start" : "resume") + " route " + name,
                (start ? "Started" : "Resumed") + " route " + name + ".", () -> {
                    service.pause(name, false);
                    return null;
                }, () -> { });
    }

    /** Asks first; the topics the route copied stay on the target. */
    public void delete(String name) {
        Optional<RouteRow> row = rows.apply(name);
        String where = row.map(r -> " (" + r.clusters() + ")").orElse("");
        String target = row.map(r -> r.definition().target()).orElse("the target");
        if (!confirm.test("Delete route " + name + where + "? Copying stops; the topics already copied stay on "
                + target + ".")) {
            return;
        }
        run("Deleting route " + name, "delete route " + name, "Deleted route " + name + ".", () -> {
            service.deleteRoute(name);
            return null;
        }, () -> deleted.accept(name));
    }

    /** Creates or updates; {@code onFailed} gets the one-line reason for the editor. */
    void save(RouteDefinition definition, boolean update, Runnable onSaved, Consumer<String> onFailed) {
        String name = definition.name();
        notice.submit(executor, (update ? "Updating" : "Creating") + " route " + name,
                () -> update ? service.updateRoute(definition) : service.createRoute(definition), saved -> {
                    notice.say((update ? "Updated" : "Created") + " route " + name + ".", false);
                    afterWrite.run();
                    onSaved.run();
                }, failure -> {
                    onFailed.accept("Could not " + (update ? "update" : "create") + " route " + name + ": "
                            + Messages.oneLine(failure));
                });
    }

    private void run(String title, String what, String done, Callable<Void> work, Runnable after) {
        notice.submit(executor, title, work, ok -> {
            notice.say(done, false);
            after.run();
            afterWrite.run();
        }, failure -> {
            notice.say("Could not " + what + ": " + Messages.oneLine(failure), true);
            afterWrite.run();
        });
    }
}
