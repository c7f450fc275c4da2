package io.mirador.ui.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.mirador.broker.BrokerInfo;
import io.mirador.broker.ClusterState;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.ManagedCluster;

/** A cluster whose state the test sets; start and stop go through STARTING/STOPPING like the real one. */
public final class FakeCluster implements ManagedCluster {

    private final String name;
    private final List<Consumer<ClusterState>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterState state = ClusterState.STOPPED;
    private volatile String failure;
    private volatile String clusterId;
    public volatile String failStartWith;
    public int starts;
    public int stops;
    public int restarts;

    public FakeCluster(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClusterInfo snapshot() {
        boolean running = state == ClusterState.RUNNING;
        List<BrokerInfo> brokers = running ? List.of(new BrokerInfo(0, "127.0.0.1", 19092, "rack-a", true)) : List.of();
        return new ClusterInfo(name, state, failure, clusterId, 0, brokers, running ? "127.0.0.1:19092" : "", true);
    }

    @Override
    public void start() {
        starts++;
        set(ClusterState.STARTING);
        if (failStartWith != null) {
            failure = failStartWith;
            set(ClusterState.FAILED);
            throw new IllegalStateException(failStartWith);
        }
        clusterId = "id-" + name;
        set(ClusterState.RUNNING);
    }

    @Override
    public void stop() {
        stops++;
        set(ClusterState.STOPPING);
        set(ClusterState.STOPPED);
    }

    /** Like the real cluster: through STOPPING and STARTING, keeping the cluster id (and data). */
    @Override
    public void restart() {
        restarts++;
        set(ClusterState.STOPPING);
        set(ClusterState.STOPPED);
        set(ClusterState.STARTING);
        set(ClusterState.RUNNING);
    }

    @Override
    public void addStateListener(Consumer<ClusterState> listener) {
        listeners.add(listener);
    }

    public void set(ClusterState next) {
        if (next != ClusterState.FAILED) {
            failure = null;
        }
        state = next;
        listeners.forEach(l -> l.accept(next));
    }

    public void fail(String reason) {
        failure = reason;
        state = ClusterState.FAILED;
        listeners.forEach(l -> l.accept(ClusterState.FAILED));
    }
}
