package io.mirador.ui.page.mirroring.detail;

import java.util.Objects;

import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.page.CommandNotice;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The route detail's "Fail over…" and "Fail back" commands. Failing over goes through a {@link FailoverModel}
 * (preview first, then confirm) that the view shows in a dialog; failing back is one call. Their outcomes end up
 * as one line in {@link #noticeProperty()}, green or red, and every write is followed by {@code afterWrite} (the
 * detail reads the engine again: the route is paused now, a reverse route exists).
 *
 * <p>Fail over is offered while the route runs in the engine (any state but STOPPED: a paused route fails over
 * without draining); fail back while the route is paused and its reverse route waits, paused, as the engine
 * leaves them after a failover. The engine has the last word: its refusal (a ConflictException's one line) shows
 * in the notice. UI thread only; no Node.
 */
public final class FailoverActions {

    private final MirroringService service;
    private final TaskExecutor executor;
    private final ObservableValue<String> route;
    private final GroupsModel groups;
    private final Runnable afterWrite;
    private final CommandNotice notice = new CommandNotice(this);
    private final BooleanBinding canFailOver;
    private final BooleanBinding canFailBack;

    FailoverActions(MirroringService service, TaskExecutor executor, ObservableValue<String> route,
                    ObservableValue<RouteStatus> status, GroupsModel groups, Runnable afterWrite) {
        this.service = Objects.requireNonNull(service, "service");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.route = route;
        this.groups = groups;
        this.afterWrite = afterWrite;
        canFailOver = Bindings.createBooleanBinding(() -> {
            RouteStatus s = status.getValue();
            return s != null && s.state() != null && !"STOPPED".equals(s.state()) && !notice.busyProperty().get();
        }, status, notice.busyProperty());
        canFailBack = Bindings.createBooleanBinding(() -> {
            RouteStatus s = status.getValue();
            return s != null && "PAUSED".equals(s.state()) && !groups.reverseRouteProperty().get().isEmpty()
                    && !notice.busyProperty().get();
        }, status, groups.reverseRouteProperty(), notice.busyProperty());
        route.addListener((obs, old, now) -> notice.clear());
    }

    public BooleanBinding canFailOverProperty() {
        return canFailOver;
    }

    /** True for a paused route whose failover prepared a reverse route that is still paused. */
    public BooleanBinding canFailBackProperty() {
        return canFailBack;
    }

    /** The paused reverse route "Fail back" resumes; empty when there is none. */
    public ReadOnlyStringProperty reverseRouteProperty() {
        return groups.reverseRouteProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.noticeProperty();
    }

    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return notice.noticeIsErrorProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return notice.busyProperty();
    }

    /** A failover of the current route, to show; its preview starts at once. Null without a route. */
    public FailoverModel newFailover() {
        String name = route.getValue();
        if (name == null) {
            return null;
        }
        RouteDefinition definition = groups.definitionProperty().get();
        FailoverModel failover = new FailoverModel(service, executor, name,
                definition == null ? null : definition.target(), report -> {
                    if (name.equals(route.getValue())) {
                        notice.say(FailoverModel.doneText(name, FailoverModel.targetName(
                                definition == null ? null : definition.target()), report), false);
                    }
                    afterWrite.run();
                });
        failover.preview();
        return failover;
    }

    /** Resumes the reverse route, which copies back what the target received since the failover. */
    public void failBack() {
        String name = route.getValue();
        if (name == null) {
            return;
        }
        notice.submit(executor, "Failing back route " + name, () -> service.failback(name), reverse -> {
            notice.say("Failing back: route " + reverse.name() + " copies what " + reverse.source()
                    + " received since the failover to " + reverse.target() + ".", false);
            afterWrite.run();
        }, failure -> {
            notice.say("Could not fail back route " + name + ": " + Messages.oneLine(failure), true);
            afterWrite.run();
        });
    }
}
