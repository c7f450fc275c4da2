package io.mirador.broker;

/** Life cycle of one embedded cluster. Transitions: STOPPED → STARTING → RUNNING → STOPPING → STOPPED; any → FAILED. */
public enum ClusterState {
    STOPPED, STARTING, RUNNING, STOPPING, FAILED
}
