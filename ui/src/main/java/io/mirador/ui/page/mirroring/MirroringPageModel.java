package io.mirador.ui.page.mirroring;

import java.util.List;
import java.util.function.BiFunction;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Which engine the Mirroring page drives (the one in this process, or a headless replicator attached by URL and
 * token) and the first-run shortcut that mirrors the sandbox's demo topics from its first cluster to its second.
 * UI thread only; engine calls run on the executor's workers.
 */
public final class MirroringPageModel {

    /** Name of the route the first-run shortcut creates. */
    public static final String DEMO_ROUTE = "demo";

    private final MirroringService local;
    private final BiFunction<String, String, MirroringService> remote;
    private final Connections connections;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<MirroringService> service = new ReadOnlyObjectWrapper<>(this, "service");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper createdRoute = new ReadOnlyStringWrapper(this, "createdRoute");
    private final BooleanBinding demoPossible;

    /**
     * @param remote makes the service for a replicator URL and token (null or blank: none); it may not connect yet
     */
    public MirroringPageModel(MirroringService local, BiFunction<String, String, MirroringService> remote,
                              Connections connections, TaskExecutor executor) {
        this.local = local;
        this.remote = remote;
        this.connections = connections;
        this.executor = executor;
        service.set(local);
        demoPossible = Bindings.createBooleanBinding(() -> service.get() == local && demoPair().size() == 2,
                service, connections.entries());
    }

    public ReadOnlyObjectProperty<MirroringService> serviceProperty() {
        return service.getReadOnlyProperty();
    }

    public MirroringService service() {
        return service.get();
    }

    /** Whether the page drives this process's engine. */
    public boolean isLocal() {
        return service.get() == local;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The route the first-run shortcut created, once the engine accepted it. */
    public ReadOnlyStringProperty createdRouteProperty() {
        return createdRoute.getReadOnlyProperty();
    }

    /** True when the shortcut can work: the local engine and two running sandbox clusters. */
    public BooleanBinding demoPossibleProperty() {
        return demoPossible;
    }

    /** E.g. "local-a → local-b", for the shortcut's button. */
    public String demoTitle() {
        List<String> pair = demoPair();
        return pair.size() == 2 ? pair.get(0) + " → " + pair.get(1) : "";
    }

    /**
     * Checks that a replicator answers at {@code url} (with {@code token}, may be blank), then drives it. The
     * local engine keeps running.
     */
    public void attach(String url, String token) {
        problem.set("");
        if (url == null || url.isBlank()) {
            problem.set("Enter the replicator's URL, e.g. http://127.0.0.1:8088");
            return;
        }
        busy.set(true);
        executor.submit("Attaching to " + url.trim(), () -> {
            MirroringService attached = remote.apply(url.trim(), token == null || token.isBlank() ? null : token.trim());
            attached.statuses();
            return attached;
        }, attached -> {
            busy.set(false);
            service.set(attached);
        }, failure -> {
            busy.set(false);
            problem.set(Messages.oneLine(failure));
        });
    }

    /** Back to the engine in this process; the remote one keeps running on its server. */
    public void useLocal() {
        MirroringService previous = service.get();
        service.set(local);
        problem.set("");
        if (previous != local) {
            executor.submit("Detaching from " + previous.describe(), () -> {
                previous.close();
                return null;
            }, ok -> { }, failure -> { });
        }
    }

    /** Creates a route copying the sandbox's {@code demo.*} topics from its first cluster to its second. */
    public void mirrorDemo() {
        List<String> pair = demoPair();
        if (pair.size() != 2 || !isLocal()) {
            return;
        }
        problem.set("");
        busy.set(true);
        RouteDefinition route = new RouteDefinition(DEMO_ROUTE, pair.get(0), pair.get(1), List.of(), "demo\\..*",
                null, "identity", null, null, 2, null, null, true, false);
        executor.submit("Mirroring " + demoTitle(), () -> local.createRoute(route), created -> {
            busy.set(false);
            createdRoute.set(created.name());
        }, failure -> {
            busy.set(false);
            problem.set(Messages.oneLine(failure));
        });
    }

    private List<String> demoPair() {
        List<String> running = connections.entries().stream()
                .filter(e -> e.sandbox() && e.available()).map(ConnectionEntry::name).limit(2).toList();
        return running.size() == 2 ? running : List.of();
    }
}
