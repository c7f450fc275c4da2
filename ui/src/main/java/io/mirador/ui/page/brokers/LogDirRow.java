package io.mirador.ui.page.brokers;

import java.util.OptionalLong;

import io.mirador.cluster.broker.LogDir;

/** One log directory of one broker, as a row of the Brokers page's log-dir table. Immutable. */
public record LogDirRow(int brokerId, LogDir dir) {

    public String path() {
        return dir.path();
    }

    /** Bytes Kafka's replicas use in this directory. */
    public long sizeBytes() {
        return dir.sizeBytes();
    }

    public OptionalLong totalBytes() {
        return dir.totalBytes();
    }

    public OptionalLong usableBytes() {
        return dir.usableBytes();
    }

    /** "Online", or why the directory is offline. */
    public String status() {
        return dir.isOnline() ? "Online" : "Offline: " + dir.error();
    }

    /** Whether this row stands for the same directory as {@code other}, whatever its figures. */
    boolean sameDir(LogDirRow other) {
        return other != null && other.brokerId == brokerId && other.path().equals(path());
    }
}
